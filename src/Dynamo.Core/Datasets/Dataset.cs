using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Dynamo.Core.Datasets.Schemas;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Datasets;

/// <summary>
/// A kind of data (docs/datasets.md): its name, table, key fields and JSON Schema, with the schema
/// compiled once into the row validator.
/// </summary>
public sealed partial class Dataset
{
    private Dataset(
        string name, string table, KeyField partitionKey, KeyField? sortKey, bool hasNaturalKey, VersionField? version, JsonElement schema, SchemaNode validator)
    {
        Name = name;
        Table = table;
        PartitionKey = partitionKey;
        SortKey = sortKey;
        HasNaturalKey = hasNaturalKey;
        Version = version;
        Schema = schema;
        Validator = validator;
        KeyFields = sortKey is null ? [partitionKey] : [partitionKey, sortKey];
    }

    public string Name { get; }
    /// <summary>The DynamoDB table of the dataset.</summary>
    public string Table { get; }
    /// <summary>The partition key; <c>_id</c> (the row's canonical hash) when the dataset declares no key fields.</summary>
    public KeyField PartitionKey { get; }
    public KeyField? SortKey { get; }
    public IReadOnlyList<KeyField> KeyFields { get; }
    /// <summary>False when the key is the generated <c>_id</c>.</summary>
    public bool HasNaturalKey { get; }
    /// <summary>
    /// The field that orders updates of one key (docs/datasets.md, "Versioned datasets"); null when the last
    /// write of a key wins.
    /// </summary>
    public VersionField? Version { get; }
    public JsonElement Schema { get; }
    internal SchemaNode Validator { get; }

    public Dataset WithTable(string table) => new(Name, table, PartitionKey, SortKey, HasNaturalKey, Version, Schema, Validator);

    /// <summary>Checks a declaration and compiles its schema; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static Dataset FromDeclaration(DatasetDeclaration declaration)
    {
        var name = declaration.Name;
        if (!NameRule().IsMatch(name))
            throw new InvalidDataException($"Dataset name '{name}' must match {NameRule()}.");
        if (declaration.PartitionKey is null && declaration.SortKey is not null)
            throw new InvalidDataException($"Dataset {name}: a sort key needs a partition key.");
        var schema = declaration.Schema.Clone();
        SchemaNode validator;
        try
        {
            validator = SchemaCompiler.Compile(schema);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Dataset {name}: {e.Message}", e);
        }
        if (declaration.PartitionKey is null)
        {
            if (declaration.VersionField is not null)
                throw new InvalidDataException($"Dataset {name}: a version field needs key fields (without them every change of a row is a new item).");
            return new Dataset(name, name, new KeyField(SystemAttributes.Id, ScalarAttributeType.S, false), null, false, null, schema, validator);
        }
        var partitionKey = Key(name, declaration.PartitionKey, validator);
        var sortKey = declaration.SortKey is null ? null : Key(name, declaration.SortKey, validator);
        var version = declaration.VersionField is null ? null : VersionOf(name, declaration, validator);
        return new Dataset(name, name, partitionKey, sortKey, true, version, schema, validator);
    }

    public static Dataset FromDeclaration(string json) =>
        FromDeclaration(JsonSerializer.Deserialize(json, DatasetsJsonContext.Default.DatasetDeclaration)
            ?? throw new InvalidDataException("A dataset declaration must be a JSON object."));

    /// <summary>
    /// A key field must be a required property typed string, number or integer: the table's key schema
    /// has one scalar type per attribute, and a row without its key cannot be stored.
    /// </summary>
    private static KeyField Key(string dataset, string field, SchemaNode schema)
    {
        if (field.Length == 0 || field.StartsWith('_'))
            throw new InvalidDataException($"Dataset {dataset}: key field '{field}' must not be empty or start with _.");
        var index = Array.FindIndex(schema.Properties, p => p.Name == field);
        var property = index >= 0 ? schema.Properties[index].Schema : null;
        if (property is null || !schema.Required.Contains(index))
            throw new InvalidDataException($"Dataset {dataset}: key field '{field}' must be a required property of the schema.");
        var type = property.Types switch
        {
            JsonTypes.String => ScalarAttributeType.S,
            JsonTypes.Number or JsonTypes.Integer or (JsonTypes.Number | JsonTypes.Integer) => ScalarAttributeType.N,
            _ => throw new InvalidDataException($"Dataset {dataset}: key field '{field}' must have type string, number or integer."),
        };
        return new KeyField(field, type, property.DateTime && type == ScalarAttributeType.S);
    }

    /// <summary>
    /// A version field must be a required property typed number or integer, or a string with format date-time,
    /// and not a key field: every row must carry an orderable version, and the key names the item it orders.
    /// </summary>
    private static VersionField VersionOf(string dataset, DatasetDeclaration declaration, SchemaNode schema)
    {
        var field = declaration.VersionField!;
        if (field == declaration.PartitionKey || field == declaration.SortKey)
            throw new InvalidDataException($"Dataset {dataset}: version field '{field}' must not be a key field.");
        var index = Array.FindIndex(schema.Properties, p => p.Name == field);
        var property = index >= 0 ? schema.Properties[index].Schema : null;
        if (property is null || !schema.Required.Contains(index))
            throw new InvalidDataException($"Dataset {dataset}: version field '{field}' must be a required property of the schema.");
        return property.Types switch
        {
            JsonTypes.String when property.DateTime => new VersionField(field, IsDateTime: true),
            JsonTypes.Number or JsonTypes.Integer or (JsonTypes.Number | JsonTypes.Integer) => new VersionField(field, IsDateTime: false),
            _ => throw new InvalidDataException(
                $"Dataset {dataset}: version field '{field}' must have type number or integer, or type string with format date-time."),
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,62}$")]
    private static partial Regex NameRule();
}
