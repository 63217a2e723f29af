using System.Text.Json;
using Dynamo.Core.Datasets;

namespace Dynamo.Core.Rows;

/// <summary>
/// Where a row's key comes from: its key fields as sent, or the generated <c>_id</c> of a dataset without
/// key fields. The fields are read from the request's document only when someone asks.
/// </summary>
internal sealed class RowKey
{
    private readonly Dataset _dataset;
    private readonly JsonElement _row;
    private readonly string? _id;

    private RowKey(Dataset dataset, JsonElement row, string? id)
    {
        _dataset = dataset;
        _row = row;
        _id = id;
    }

    public static RowKey OfFields(Dataset dataset, JsonElement row) => new(dataset, row, null);

    public static RowKey OfId(Dataset dataset, string id) => new(dataset, default, id);

    /// <summary>
    /// Null when a key field is missing, is neither a string nor a number, or is a string that is no Unicode
    /// text (an escape spelling a lone surrogate): the reply could not write it, and the row is invalid anyway.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement>? Fields()
    {
        if (_id is not null)
            return new Dictionary<string, JsonElement>(1) { [SystemAttributes.Id] = JsonSerializer.SerializeToElement(_id, RowsJsonContext.Default.String) };
        var fields = new Dictionary<string, JsonElement>(_dataset.KeyFields.Count, StringComparer.Ordinal);
        foreach (var field in _dataset.KeyFields)
        {
            if (!RowFields.TryGet(_row, field.Name, out var value) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                return null;
            if (value.ValueKind == JsonValueKind.String && !JsonStringBytes.TryGet(value, out _))
                return null;
            fields.Add(field.Name, value);
        }
        return fields;
    }
}
