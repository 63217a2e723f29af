namespace Dynamo.Local.Template;

/// <summary>The values the local stack gives CloudFormation's pseudo parameters (AWS::NoValue is the evaluator's own).</summary>
public static class PseudoParameters
{
    public const string Region = "us-east-1";
    public const string AccountId = "000000000000";
    public const string StackName = "dynamo-local";
    public const string Partition = "aws";
    public const string UrlSuffix = "amazonaws.com";

    /// <summary>A DynamoDB table's ARN in the region and account the local stack presents.</summary>
    public static string DynamoDbTableArn(string table) => $"arn:{Partition}:dynamodb:{Region}:{AccountId}:table/{table}";

    public static bool TryGet(string name, out object value)
    {
        value = name switch
        {
            "AWS::Region" => Region,
            "AWS::AccountId" => AccountId,
            "AWS::StackName" => StackName,
            "AWS::StackId" => $"arn:{Partition}:cloudformation:{Region}:{AccountId}:stack/{StackName}/00000000-0000-0000-0000-000000000000",
            "AWS::Partition" => Partition,
            "AWS::URLSuffix" => UrlSuffix,
            "AWS::NotificationARNs" => new List<object?>(),
            _ => null!,
        };
        return value is not null;
    }
}
