using System.Text.Json;
using Dynamo.Local.Capacity;

namespace Dynamo.Local.Tests.Capacity;

public class ThroughputExceededTests
{
    private const string Orders = "arn:aws:dynamodb:ddblocal:000000000000:table/orders";

    [Fact]
    public void Writes_refused_only_by_hot_partition_keys_are_a_ProvisionedThroughputExceededException()
    {
        var body = Parse(ThroughputExceeded.Body([(ThrottleReason.PartitionKeyThroughput, Orders), (ThrottleReason.PartitionKeyThroughput, Orders)]));

        Assert.Equal("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException", body.GetProperty("__type").GetString());
        Assert.Equal(ThroughputExceeded.KeyRangeMessage, body.GetProperty("message").GetString());
        var reason = Assert.Single(body.GetProperty("ThrottlingReasons").EnumerateArray());
        Assert.Equal("TableWriteKeyRangeThroughputExceeded", reason.GetProperty("reason").GetString());
        Assert.Equal(Orders, reason.GetProperty("resource").GetString());
    }

    [Fact]
    public void A_write_refused_by_the_table_maximum_makes_it_a_ThrottlingException_that_still_names_every_limit()
    {
        var body = Parse(ThroughputExceeded.Body([(ThrottleReason.PartitionKeyThroughput, Orders), (ThrottleReason.TableMaxWriteRequestUnits, Orders)]));

        Assert.Equal("com.amazonaws.dynamodb.v20120810#ThrottlingException", body.GetProperty("__type").GetString());
        Assert.Equal("Throughput exceeds the maximum OnDemandThroughput configured on table or index", body.GetProperty("message").GetString());
        Assert.Equal(["TableWriteKeyRangeThroughputExceeded", "TableWriteMaxOnDemandThroughputExceeded"],
            body.GetProperty("throttlingReasons").EnumerateArray().Select(r => r.GetProperty("reason").GetString()));
    }

    private static JsonElement Parse(byte[] body) => JsonDocument.Parse(body).RootElement.Clone();
}
