using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Dynamo.Core.Datasets.Schemas;

namespace Dynamo.Core.Rows;

/// <summary>
/// A row's fields, read once and each matched once against the names the request knows, for the checks,
/// the item and the canonical form to share: each would otherwise walk the row and compare the names itself.
/// The names known are the schema's properties, then the undeclared names earlier rows of the request used:
/// the rows of one request nearly always carry the same fields, and a name known is never spelled out again.
/// One per request, refilled for every row: not thread-safe.
/// </summary>
internal sealed class RowFieldList
{
    /// <summary>Undeclared names remembered per request; past this, a row's own names are read for each row.</summary>
    private const int MaxUndeclaredNames = 64;

    private readonly SchemaNode _schema;
    private readonly List<FieldName> _names;
    private JsonProperty[] _fields = new JsonProperty[16];
    private int[] _nameIds = new int[16];
    private int _nextUndeclared;

    public RowFieldList(SchemaNode schema)
    {
        _schema = schema;
        _names = [.. schema.Properties.Select(p => new FieldName(p.Name, p.Utf8Name))];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<JsonProperty> Fields => _fields.AsSpan(0, Count);

    /// <summary>The fields in an array (its first <see cref="Count"/> entries), for comparers that index into it.</summary>
    public JsonProperty[] FieldArray => _fields;

    /// <summary>
    /// For each field, the index of its name in <see cref="Name"/>'s table (declared names first, at their
    /// declaration's index), or -1 for a name that is not known: an undeclared name written with escapes,
    /// an empty one, or one over the limit of names.
    /// </summary>
    public ReadOnlySpan<int> NameIds => _nameIds.AsSpan(0, Count);

    /// <summary>How many names the table for rows of this schema can hold: an id is always below it.</summary>
    public static int MaxNamesOf(SchemaNode schema) => schema.Properties.Length + MaxUndeclaredNames;

    public FieldName Name(int id) => _names[id];

    /// <summary>The id of a name as text, or -1: for names written with escapes, which are rare.</summary>
    public int IdOf(string name)
    {
        for (var id = 0; id < _names.Count; id++)
            if (_names[id].Name == name) return id;
        return -1;
    }

    public void Read(JsonElement row)
    {
        var count = row.GetPropertyCount();
        if (_fields.Length < count)
        {
            _fields = new JsonProperty[count];
            _nameIds = new int[count];
        }
        var previousCount = Count;
        Count = 0;
        var next = 0;
        foreach (var field in row.EnumerateObject())
        {
            // The name the row before had at this position, compared as written, settles nearly every field.
            var id = Count < previousCount ? _nameIds[Count] : -1;
            if (id < 0 || !_names[id].IsPlain || !JsonMarshal.GetRawUtf8PropertyName(field).SequenceEqual(_names[id].Utf8))
            {
                id = _schema.IndexOf(field, next);
                if (id >= 0) next = id + 1;
                else id = UndeclaredId(field);
            }
            _fields[Count] = field;
            _nameIds[Count++] = id;
        }
    }

    private int UndeclaredId(JsonProperty field)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(field);
        // Escaped names are compared as text by the schema, and read as text by the item; empty ones are refused.
        if (raw.IsEmpty || raw.Contains((byte)'\\')) return -1;
        var declared = _schema.Properties.Length;
        var undeclared = _names.Count - declared;
        for (var n = 0; n < undeclared; n++)
        {
            var i = (_nextUndeclared + n) % undeclared;
            if (!raw.SequenceEqual(_names[declared + i].Utf8)) continue;
            _nextUndeclared = (i + 1) % undeclared;
            return declared + i;
        }
        if (undeclared == MaxUndeclaredNames) return -1;
        // The body was checked as UTF-8 as a whole, so the bytes decode.
        _names.Add(new FieldName(Encoding.UTF8.GetString(raw), raw.ToArray()));
        _nextUndeclared = 0;
        return _names.Count - 1;
    }
}

/// <summary>A field's name as text and as UTF-8.</summary>
internal sealed record FieldName(string Name, byte[] Utf8)
{
    /// <summary>
    /// True when JSON writes the name as is, without escapes: then a name written in a row equals it exactly
    /// when its bytes do (the bytes of a name like <c>a</c> would spell another name).
    /// </summary>
    public bool IsPlain { get; } = !Utf8.Any(b => b is (byte)'\\' or (byte)'"' or < 0x20);
}
