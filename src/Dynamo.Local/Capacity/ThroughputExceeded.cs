using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// DynamoDB's answer to a write refused for throughput: HTTP 400 with ThrottlingReasons (sent since 2025) naming
/// each limit and the table ARN. The exception depends on the limit (developer guide, "Diagnosing throttling"):
/// over a table's on-demand maximum (MaxWriteRequestUnits) it is a ThrottlingException, "Throughput exceeds the
/// maximum OnDemandThroughput configured on table or index"; over a partition's 1,000 units per second it is the
/// classic ProvisionedThroughputExceededException. The service model spells the reasons' member differently in the
/// two ("throttlingReasons" in ThrottlingException, "ThrottlingReasons" in the other), and the SDKs read it as spelt.
/// </summary>
internal static class ThroughputExceeded
{
    public const int StatusCode = 400;

    public const string MaxOnDemandType = "com.amazonaws.dynamodb.v20120810#ThrottlingException";
    public const string MaxOnDemandMessage = "Throughput exceeds the maximum OnDemandThroughput configured on table or index";

    public const string KeyRangeType = "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException";
    public const string KeyRangeMessage =
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.";

    public static string ReasonName(ThrottleReason reason) => reason switch
    {
        ThrottleReason.TableMaxWriteRequestUnits => "TableWriteMaxOnDemandThroughputExceeded",
        ThrottleReason.PartitionKeyThroughput => "TableWriteKeyRangeThroughputExceeded",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "The write was not throttled."),
    };

    /// <summary>
    /// The error body, with one reason per distinct (reason, table) among the refused writes. A table's maximum is
    /// checked before its partitions, so a write refused by it makes the whole answer a ThrottlingException.
    /// </summary>
    public static byte[] Body(IEnumerable<(ThrottleReason Reason, string TableArn)> reasons)
    {
        var distinct = reasons.Distinct().ToList();
        var overTableMaximum = distinct.Exists(r => r.Reason == ThrottleReason.TableMaxWriteRequestUnits);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("__type", overTableMaximum ? MaxOnDemandType : KeyRangeType);
            json.WriteString("message", overTableMaximum ? MaxOnDemandMessage : KeyRangeMessage);
            json.WriteStartArray(overTableMaximum ? "throttlingReasons" : "ThrottlingReasons");
            foreach (var (reason, arn) in distinct)
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
