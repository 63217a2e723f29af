using System.Text.Json;
using Dynamo.Core.Datasets.Schemas;

namespace Dynamo.Core.Rows;

/// <summary>
/// A row's fields, read once and each matched once against the fields its schema declares, for the checks,
/// the item and the canonical form to share: each would otherwise walk the row and compare the names itself.
/// One per request, refilled for every row: not thread-safe.
/// </summary>
internal sealed class RowFieldList(SchemaNode schema)
{
    private JsonProperty[] _fields = new JsonProperty[16];
    private int[] _declared = new int[16];

    public int Count { get; private set; }

    public ReadOnlySpan<JsonProperty> Fields => _fields.AsSpan(0, Count);

    /// <summary>The fields in an array (its first <see cref="Count"/> entries), for comparers that index into it.</summary>
    public JsonProperty[] FieldArray => _fields;

    /// <summary>For each field, the index of its declaration in the schema's properties, or -1.</summary>
    public ReadOnlySpan<int> Declared => _declared.AsSpan(0, Count);

    public void Read(JsonElement row)
    {
        var count = row.GetPropertyCount();
        if (_fields.Length < count)
        {
            _fields = new JsonProperty[count];
            _declared = new int[count];
        }
        Count = 0;
        var next = 0;
        foreach (var field in row.EnumerateObject())
        {
            var declared = schema.IndexOf(field, next);
            if (declared >= 0) next = declared + 1;
            _fields[Count] = field;
            _declared[Count++] = declared;
        }
    }
}
