namespace Dynamo.Local.Template;

/// <summary>
/// What <c>Ref</c> and <c>Fn::GetAtt</c> of the template's own resources give locally. A DynamoDB table is
/// named after its dataset (its <c>Metadata: Dynamo: Dataset</c>), as docs/datasets.md says local tables are; its
/// <c>TableName</c> applies on AWS only. A function is named by its logical id; <c>Function.Alias</c> and
/// <c>Function.Version</c> (SAM's AutoPublishAlias references) stand for the function itself.
/// </summary>
public sealed class LocalResourceNames(IReadOnlyDictionary<string, object?> resources)
{
    public const string TableType = "AWS::DynamoDB::Table";
    public const string FunctionType = "AWS::Serverless::Function";

    public bool IsResource(string reference) => TypeOf(LogicalIdOf(reference)) is not null;

    /// <summary>The logical id a reference names: "IngestFunction.Alias" names IngestFunction, "Api.Stage" (SAM's stage of an Api) names Api.</summary>
    public static string LogicalIdOf(string reference) =>
        reference.EndsWith(".Alias", StringComparison.Ordinal) || reference.EndsWith(".Version", StringComparison.Ordinal)
            || reference.EndsWith(".Stage", StringComparison.Ordinal)
            ? reference[..reference.LastIndexOf('.')]
            : reference;

    public string? TypeOf(string logicalId) =>
        resources.TryGetValue(logicalId, out var resource) && resource is IReadOnlyDictionary<string, object?> map
            ? TemplateValue.OptionalText(TemplateValue.Get(map, "Type"), $"Resources.{logicalId}.Type")
            : null;

    public string Ref(string reference)
    {
        var logicalId = LogicalIdOf(reference);
        return TypeOf(logicalId) switch
        {
            TableType => DatasetOf(logicalId),
            FunctionType when reference != logicalId => Arn(FunctionType, logicalId) + ":" + reference[(logicalId.Length + 1)..],
            _ => logicalId,
        };
    }

    public string GetAtt(string logicalId, string attribute) => (TypeOf(logicalId), attribute) switch
    {
        (null, _) => throw new TemplateException($"template.yaml: Fn::GetAtt names '{logicalId}', which is no resource of the template."),
        (TableType or FunctionType, "Arn") => Arn(TypeOf(logicalId)!, logicalId),
        var (type, _) => throw new TemplateException(
            $"template.yaml: Fn::GetAtt {logicalId}.{attribute} ({type}) has no local value; the local stack resolves only the Arn of tables and functions."),
    };

    /// <summary>The dataset a table holds, which is also its local table name.</summary>
    public string DatasetOf(string tableLogicalId)
    {
        var resource = TemplateValue.Map(resources[tableLogicalId], $"Resources.{tableLogicalId}");
        var metadata = TemplateValue.OptionalMap(TemplateValue.Get(resource, "Metadata"), $"Resources.{tableLogicalId}.Metadata");
        var dynamo = TemplateValue.OptionalMap(TemplateValue.Get(metadata, "Dynamo"), $"Resources.{tableLogicalId}.Metadata.Dynamo");
        return TemplateValue.Get(dynamo, "Dataset") is string dataset
            ? dataset
            : throw new TemplateException(
                $"template.yaml: the table {tableLogicalId} needs 'Metadata: {{ Dynamo: {{ Dataset: NAME }} }}' naming the dataset it holds.");
    }

    private string Arn(string type, string logicalId) => type == TableType
        ? PseudoParameters.DynamoDbTableArn(DatasetOf(logicalId))
        : $"arn:{PseudoParameters.Partition}:lambda:{PseudoParameters.Region}:{PseudoParameters.AccountId}:function:{logicalId}";
}
