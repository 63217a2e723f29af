using System.Text.Json;

namespace Dynamo.Core.Datasets.Schemas;

/// <summary>The JSON Schema <c>type</c> keyword's values, as flags.</summary>
[Flags]
internal enum JsonTypes
{
    None = 0,
    Null = 1,
    Boolean = 2,
    Object = 4,
    Array = 8,
    Number = 16,
    Integer = 32,
    String = 64,
    Any = Null | Boolean | Object | Array | Number | Integer | String,
}

internal static class JsonTypeNames
{
    private static readonly (JsonTypes Type, string Name)[] Names =
    [
        (JsonTypes.String, "string"), (JsonTypes.Number, "number"), (JsonTypes.Integer, "integer"),
        (JsonTypes.Boolean, "boolean"), (JsonTypes.Object, "object"), (JsonTypes.Array, "array"), (JsonTypes.Null, "null"),
    ];

    public static JsonTypes Parse(string name) =>
        Array.Find(Names, n => n.Name == name) is { Type: not JsonTypes.None } found
            ? found.Type
            : throw new InvalidDataException($"'{name}' is not a JSON Schema type.");

    /// <summary>"string", "string or null", "number, string or null".</summary>
    public static string Describe(JsonTypes types)
    {
        var names = Names.Where(n => types.HasFlag(n.Type)).Select(n => n.Name).ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
    }

    public static JsonTypes Of(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => JsonTypes.String,
        JsonValueKind.Number => JsonTypes.Number,
        JsonValueKind.True or JsonValueKind.False => JsonTypes.Boolean,
        JsonValueKind.Object => JsonTypes.Object,
        JsonValueKind.Array => JsonTypes.Array,
        JsonValueKind.Null => JsonTypes.Null,
        _ => JsonTypes.None,
    };
}
