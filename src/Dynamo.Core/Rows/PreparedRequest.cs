namespace Dynamo.Core.Rows;

/// <summary>
/// The outcome of <see cref="RowPreparer.Prepare"/>: a whole-request error, or every row in order.
/// Keys are elements of the request's JSON document, which this owns: dispose it when the response is written.
/// </summary>
public sealed class PreparedRequest : IDisposable
{
    private readonly RequestBody? _body;

    internal PreparedRequest(RequestError error)
    {
        Error = error;
        Rows = [];
    }

    internal PreparedRequest(RequestBody body, IReadOnlyList<PreparedRow> rows)
    {
        _body = body;
        Rows = rows;
    }

    public RequestError? Error { get; }
    public IReadOnlyList<PreparedRow> Rows { get; }

    /// <summary>The rows to hand to the writer, in order.</summary>
    public IEnumerable<(int Index, Writing.Wire.WireItem Item)> ItemsToWrite =>
        Rows.Where(r => r.Item is not null).Select(r => (r.Index, r.Item!));

    public void Dispose() => _body?.Dispose();
}
