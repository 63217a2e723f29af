namespace Dynamo.Core.Rows;

/// <summary>
/// The outcome of <see cref="RowPreparer.Prepare"/>: a whole-request error, or every row in order.
/// Keys are elements of the request's JSON document and items live in pooled memory, both owned here: dispose
/// it once the items are written and the response is.
/// </summary>
public sealed class PreparedRequest : IDisposable
{
    private readonly RequestBody? _body;
    private readonly ItemArena? _items;

    internal PreparedRequest(RequestError error)
    {
        Error = error;
        Rows = [];
    }

    internal PreparedRequest(RequestBody body, IReadOnlyList<PreparedRow> rows, ItemArena items)
    {
        _body = body;
        Rows = rows;
        _items = items;
    }

    public RequestError? Error { get; }
    public IReadOnlyList<PreparedRow> Rows { get; }

    /// <summary>The rows to hand to the writer, in order.</summary>
    public IEnumerable<(int Index, Writing.Wire.WireItem Item)> ItemsToWrite =>
        Rows.Where(r => r.Item is not null).Select(r => (r.Index, r.Item!));

    public void Dispose()
    {
        _body?.Dispose();
        _items?.Dispose();
    }
}
