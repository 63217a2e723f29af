using System.Text.Json;

namespace Dynamo.Core.Rows;

/// <summary>
/// Where a value sits in a row, for error messages ("amount", "lines[2].sku"). Spelled out only when an
/// error needs it: a row's own fields carry their JsonProperty, deeper levels their parent's text.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string? _parent;
    private readonly JsonProperty _property;
    private readonly string? _name;
    private readonly int _index;
    private readonly Kind _kind;

    private FieldPath(string? parent, JsonProperty property, string? name, int index, Kind kind)
    {
        _parent = parent;
        _property = property;
        _name = name;
        _index = index;
        _kind = kind;
    }

    public static FieldPath Row => default;

    public bool IsRow => _kind == Kind.Row;

    public FieldPath Property(JsonProperty property) => new(Text(), property, null, 0, Kind.Property);

    public FieldPath Property(string name) => new(Text(), default, name, 0, Kind.Name);

    public FieldPath Item(int index) => new(Text(), default, null, index, Kind.Index);

    /// <summary>"amount", "lines[2].sku"; "row" for the row itself.</summary>
    public override string ToString() => IsRow ? "row" : Text()!;

    private string? Text() => _kind switch
    {
        Kind.Row => null,
        Kind.Property => Join(NameOf(_property)),
        Kind.Name => Join(_name!),
        _ => $"{_parent}[{_index}]",
    };

    /// <summary>The name, or as written (escapes kept) when an escape spells a lone surrogate, which is no text.</summary>
    private static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8PropertyName(property));
        }
    }

    private string Join(string name) => _parent is null ? name : $"{_parent}.{name}";

    private enum Kind : byte { Row, Property, Name, Index }
}
