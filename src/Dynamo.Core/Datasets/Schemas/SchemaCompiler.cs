using System.Text;
using System.Text.Json;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Datasets.Schemas;

/// <summary>
/// Compiles a dataset's JSON Schema (draft 2020-12) once into <see cref="SchemaNode"/>s. Only the keywords
/// the validator implements are accepted; any other keyword fails the catalog load, so no declaration can
/// rely on a keyword that would be silently ignored.
/// </summary>
internal static class SchemaCompiler
{
    /// <summary>Keywords that only annotate: accepted and ignored, as validators ignore them too.</summary>
    private static readonly HashSet<string> Annotations =
        ["$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly"];

    public static SchemaNode Compile(JsonElement schema) => Compile(schema, "#");

    private static SchemaNode Compile(JsonElement schema, string at)
    {
        if (schema.ValueKind == JsonValueKind.True) return new SchemaNode();
        if (schema.ValueKind == JsonValueKind.False) return new SchemaNode { RejectsAll = true };
        if (schema.ValueKind != JsonValueKind.Object) throw Invalid(at, "a schema must be an object or a boolean");

        JsonTypes types = JsonTypes.Any;
        List<SchemaProperty> properties = [];
        List<string> required = [];
        bool additional = true;
        SchemaValue[]? enumValues = null;
        SchemaValue? constValue = null;
        int? minLength = null, maxLength = null, minItems = null, maxItems = null;
        DecimalNumber? minimum = null, maximum = null, exclusiveMinimum = null, exclusiveMaximum = null;
        EcmaPattern? pattern = null;
        var dateTime = false;
        SchemaNode? items = null;

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            var here = $"{at}/{keyword.Name}";
            switch (keyword.Name)
            {
                case "type":
                    types = value.ValueKind == JsonValueKind.Array
                        ? value.EnumerateArray().Aggregate(JsonTypes.None, (all, t) => all | TypeName(t, here))
                        : TypeName(value, here);
                    break;
                case "properties":
                    if (value.ValueKind != JsonValueKind.Object) throw Invalid(here, "must be an object");
                    foreach (var property in value.EnumerateObject())
                        properties.Add(new SchemaProperty(property.Name, Compile(property.Value, $"{here}/{property.Name}")));
                    break;
                case "required":
                    if (value.ValueKind != JsonValueKind.Array) throw Invalid(here, "must be an array of names");
                    foreach (var name in value.EnumerateArray())
                        required.Add(name.ValueKind == JsonValueKind.String ? name.GetString()! : throw Invalid(here, "must be an array of names"));
                    break;
                case "additionalProperties":
                    additional = value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw Invalid(here, "only true or false is supported"),
                    };
                    break;
                case "enum":
                    if (value.ValueKind != JsonValueKind.Array) throw Invalid(here, "must be an array");
                    enumValues = [.. value.EnumerateArray().Select(v => new SchemaValue(v))];
                    break;
                case "const":
                    constValue = new SchemaValue(value);
                    break;
                case "minLength": minLength = Count(value, here); break;
                case "maxLength": maxLength = Count(value, here); break;
                case "minItems": minItems = Count(value, here); break;
                case "maxItems": maxItems = Count(value, here); break;
                case "minimum": minimum = Number(value, here); break;
                case "maximum": maximum = Number(value, here); break;
                case "exclusiveMinimum": exclusiveMinimum = Number(value, here); break;
                case "exclusiveMaximum": exclusiveMaximum = Number(value, here); break;
                case "pattern":
                    pattern = value.ValueKind == JsonValueKind.String ? new EcmaPattern(value.GetString()!) : throw Invalid(here, "must be a string");
                    break;
                case "format":
                    dateTime = value.ValueKind == JsonValueKind.String && value.ValueEquals("date-time")
                        ? true
                        : throw Invalid(here, $"only the format date-time is supported, not {value.GetRawText()}");
                    break;
                case "items":
                    items = Compile(value, here);
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                        throw Invalid(here, $"the keyword '{keyword.Name}' is not supported by the row validator");
                    break;
            }
        }

        foreach (var name in required.Where(name => !properties.Exists(p => p.Name == name)).Distinct())
            properties.Add(new SchemaProperty(name, null));
        return new SchemaNode
        {
            Types = types,
            Properties = [.. properties],
            Required = [.. required.Distinct().Select(name => properties.FindIndex(p => p.Name == name))],
            AdditionalProperties = additional,
            Enum = enumValues,
            Const = constValue,
            MinLength = minLength,
            MaxLength = maxLength,
            Minimum = minimum,
            Maximum = maximum,
            ExclusiveMinimum = exclusiveMinimum,
            ExclusiveMaximum = exclusiveMaximum,
            Pattern = pattern,
            DateTime = dateTime,
            Items = items,
            MinItems = minItems,
            MaxItems = maxItems,
        };
    }

    private static JsonTypes TypeName(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.String ? JsonTypeNames.Parse(value.GetString()!) : throw Invalid(at, "must name JSON types");

    private static int Count(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Invalid(at, "must be a non-negative integer");

    private static DecimalNumber Number(JsonElement value, string at) =>
        value.ValueKind == JsonValueKind.Number && DecimalNumber.TryParse(Encoding.UTF8.GetBytes(value.GetRawText()), out var number)
            ? number
            : throw Invalid(at, "must be a number");

    private static InvalidDataException Invalid(string at, string problem) => new($"Schema {at}: {problem}.");
}
