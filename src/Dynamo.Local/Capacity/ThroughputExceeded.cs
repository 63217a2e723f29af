using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// DynamoDB's answers to writes refused for throughput (developer guide, "Diagnosing throttling"; API reference,
/// TransactWriteItems and BatchExecuteStatement). A single write, or a BatchWriteItem of which nothing fits, is an
/// HTTP 400 error with ThrottlingReasons (sent since 2025) naming each limit and the table ARN:
/// - over a table's on-demand maximum (MaxWriteRequestUnits): ThrottlingException, "Throughput exceeds the maximum
///   OnDemandThroughput configured on table or index";
/// - over a partition's 1,000 units per second on an on-demand table: ThrottlingException, "Throughput exceeds the
///   current capacity of your table or index. DynamoDB is automatically scaling ..." (the message the service sends,
///   as users report it); on a provisioned table the classic ProvisionedThroughputExceededException.
/// The service model spells the reasons' member differently in the two ("throttlingReasons" in ThrottlingException,
/// "ThrottlingReasons" in the other), and the SDKs read it as spelt. A transaction is cancelled instead
/// (TransactionCanceledException, code ThrottlingError or ProvisionedThroughputExceeded for each action refused, None for
/// the others), and a BatchExecuteStatement statement gets the same code as its own error in Responses.
/// </summary>
internal static class ThroughputExceeded
{
    public const int StatusCode = 400;

    private const string Namespace = "com.amazonaws.dynamodb.v20120810#";
    public const string ThrottlingType = Namespace + "ThrottlingException";
    public const string ProvisionedType = Namespace + "ProvisionedThroughputExceededException";
    public const string TransactionCanceledType = Namespace + "TransactionCanceledException";

    public const string MaxOnDemandMessage = "Throughput exceeds the maximum OnDemandThroughput configured on table or index";
    public const string OnDemandKeyRangeMessage =
        "Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions persist, check if you have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";
    public const string ProvisionedMessage =
        "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.";

    /// <summary>A refused write: why, and the table it was for.</summary>
    public readonly record struct Refusal(ThrottleReason Reason, TableKeys Table);

    public static string ReasonName(ThrottleReason reason) => reason switch
    {
        ThrottleReason.TableMaxWriteRequestUnits => "TableWriteMaxOnDemandThroughputExceeded",
        ThrottleReason.PartitionKeyThroughput => "TableWriteKeyRangeThroughputExceeded",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "The write was not throttled."),
    };

    /// <summary>
    /// The error body of a refused write (or a batch of which nothing fit), with one reason per distinct (reason,
    /// table). A table's maximum is checked before its partitions, so a write refused by it makes the whole answer a
    /// ThrottlingException; so does a hot key on an on-demand table.
    /// </summary>
    public static byte[] Body(IEnumerable<Refusal> refusals)
    {
        var distinct = refusals.Distinct().ToList();
        var overTableMaximum = distinct.Exists(r => r.Reason == ThrottleReason.TableMaxWriteRequestUnits);
        var throttling = overTableMaximum || distinct.Exists(r => r.Table.OnDemand);
        return Json(json =>
        {
            json.WriteString("__type", throttling ? ThrottlingType : ProvisionedType);
            json.WriteString("message", overTableMaximum ? MaxOnDemandMessage : throttling ? OnDemandKeyRangeMessage : ProvisionedMessage);
            json.WriteStartArray(throttling ? "throttlingReasons" : "ThrottlingReasons");
            foreach (var (reason, table) in distinct.Select(r => (r.Reason, r.Table.Arn)).Distinct())
            {
                json.WriteStartObject();
                json.WriteString("reason", ReasonName(reason));
                json.WriteString("resource", table);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    /// <summary>A transaction refused for throughput: one cancellation reason per action, in order (None where it fit).</summary>
    public static byte[] TransactionCanceled(IReadOnlyList<Refusal?> actions)
    {
        var codes = actions.Select(a => a is { } refusal ? Code(refusal) : "None").ToList();
        return Json(json =>
        {
            json.WriteString("__type", TransactionCanceledType);
            json.WriteStartArray("CancellationReasons");
            foreach (var action in actions)
            {
                json.WriteStartObject();
                if (action is { } refusal)
                {
                    json.WriteString("Code", Code(refusal));
                    json.WriteString("Message", Message(refusal));
                }
                else
                {
                    json.WriteString("Code", "None");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("Message", $"Transaction cancelled, please refer cancellation reasons for specific reasons [{string.Join(", ", codes)}]");
        });
    }

    /// <summary>A BatchExecuteStatement statement refused for throughput, as its entry of Responses.</summary>
    public static void WriteStatementError(Utf8JsonWriter json, Refusal refusal, string table)
    {
        json.WriteStartObject();
        json.WriteStartObject("Error");
        json.WriteString("Code", Code(refusal));
        json.WriteString("Message", Message(refusal));
        json.WriteEndObject();
        json.WriteString("TableName", table);
        json.WriteEndObject();
    }

    private static string Code(Refusal refusal) =>
        refusal.Reason == ThrottleReason.TableMaxWriteRequestUnits || refusal.Table.OnDemand ? "ThrottlingError" : "ProvisionedThroughputExceeded";

    private static string Message(Refusal refusal) => refusal.Reason == ThrottleReason.TableMaxWriteRequestUnits
        ? MaxOnDemandMessage
        : refusal.Table.OnDemand ? OnDemandKeyRangeMessage : ProvisionedMessage;

    private static byte[] Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
