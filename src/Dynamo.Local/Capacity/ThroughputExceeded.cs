using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// DynamoDB's answer to a write refused for throughput: HTTP 400 with a ProvisionedThroughputExceededException,
/// its usual message, and (as DynamoDB has sent since 2025) ThrottlingReasons naming the limit and the table ARN.
/// </summary>
internal static class ThroughputExceeded
{
    public const string Type = "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException";

    public const string Message =
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.";

    public const int StatusCode = 400;

    public static string ReasonName(ThrottleReason reason) => reason switch
    {
        ThrottleReason.TableMaxWriteRequestUnits => "TableWriteMaxOnDemandThroughputExceeded",
        ThrottleReason.PartitionKeyThroughput => "TableWriteKeyRangeThroughputExceeded",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "The write was not throttled."),
    };

    /// <summary>The error body, with one reason per distinct (reason, table) among the refused writes.</summary>
    public static byte[] Body(IEnumerable<(ThrottleReason Reason, string TableArn)> reasons)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("__type", Type);
            json.WriteString("message", Message);
            json.WriteStartArray("ThrottlingReasons");
            foreach (var (reason, arn) in reasons.Distinct())
            {
                json.WriteStartObject();
                json.WriteString("reason", ReasonName(reason));
                json.WriteString("resource", arn);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
