using System.Text.Json;
using Dynamo.Local.Capacity;
using Refusal = Dynamo.Local.Capacity.ThroughputExceeded.Refusal;

namespace Dynamo.Local.Tests.Capacity;

public class ThroughputExceededTests
{
    private static readonly TableKeys OnDemand = new(new KeyAttribute("orderId", "S"), null, "arn:aws:dynamodb:us-east-1:000000000000:table/orders", OnDemand: true);
    private static readonly TableKeys Provisioned = OnDemand with { OnDemand = false };

    [Fact]
    public void A_hot_key_on_an_on_demand_table_is_the_ThrottlingException_on_demand_DynamoDB_sends()
    {
        var body = Parse(ThroughputExceeded.Body([new(ThrottleReason.PartitionKeyThroughput, OnDemand), new(ThrottleReason.PartitionKeyThroughput, OnDemand)]));

        Assert.Equal("com.amazonaws.dynamodb.v20120810#ThrottlingException", body.GetProperty("__type").GetString());
        Assert.StartsWith("Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        var reason = Assert.Single(body.GetProperty("throttlingReasons").EnumerateArray());
        Assert.Equal("TableWriteKeyRangeThroughputExceeded", reason.GetProperty("reason").GetString());
        Assert.Equal(OnDemand.Arn, reason.GetProperty("resource").GetString());
    }

    [Fact]
    public void A_hot_key_on_a_provisioned_table_is_a_ProvisionedThroughputExceededException()
    {
        var body = Parse(ThroughputExceeded.Body([new(ThrottleReason.PartitionKeyThroughput, Provisioned)]));

        Assert.Equal("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", body.GetProperty("__type").GetString());
        Assert.Equal(ThroughputExceeded.ProvisionedMessage, body.GetProperty("message").GetString());
        Assert.Equal("TableWriteKeyRangeThroughputExceeded", Assert.Single(body.GetProperty("ThrottlingReasons").EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public void A_write_refused_by_the_table_maximum_makes_it_a_ThrottlingException_that_still_names_every_limit()
    {
        var body = Parse(ThroughputExceeded.Body([new(ThrottleReason.PartitionKeyThroughput, OnDemand), new(ThrottleReason.TableMaxWriteRequestUnits, OnDemand)]));

        Assert.Equal("com.amazonaws.dynamodb.v20120810#ThrottlingException", body.GetProperty("__type").GetString());
        Assert.Equal("Throughput exceeds the maximum OnDemandThroughput configured on table or index", body.GetProperty("message").GetString());
        Assert.Equal(["TableWriteKeyRangeThroughputExceeded", "TableWriteMaxOnDemandThroughputExceeded"],
            body.GetProperty("throttlingReasons").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));
    }

    [Fact]
    public void A_refused_transaction_is_cancelled_with_a_reason_per_action_in_order()
    {
        Refusal?[] actions = [null, new Refusal(ThrottleReason.TableMaxWriteRequestUnits, OnDemand), new Refusal(ThrottleReason.PartitionKeyThroughput, OnDemand)];

        var body = Parse(ThroughputExceeded.TransactionCanceled(actions));

        Assert.Equal("com.amazonaws.dynamodb.v20120810#TransactionCanceledException", body.GetProperty("__type").GetString());
        Assert.Equal(["None", "ThrottlingError", "ThrottlingError"], body.GetProperty("CancellationReasons").EnumerateArray().Select(r => r.GetProperty("Code").GetString()));
        Assert.False(body.GetProperty("CancellationReasons")[0].TryGetProperty("Message", out _));
        Assert.Equal(ThroughputExceeded.MaxOnDemandMessage, body.GetProperty("CancellationReasons")[1].GetProperty("Message").GetString());
        Assert.Equal("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ThrottlingError, ThrottlingError]", body.GetProperty("Message").GetString());
    }

    private static JsonElement Parse(byte[] body) => JsonDocument.Parse(body).RootElement.Clone();
}
