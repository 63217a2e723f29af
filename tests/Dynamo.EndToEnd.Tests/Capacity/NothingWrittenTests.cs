using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Dynamo.Contracts;
using Dynamo.Local.Store;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>
/// One write unit per second, spent for minutes ahead: a 390-unit item goes through when the table's bucket is full
/// (so that an item larger than the cap is slowed, not refused forever) and leaves it 389 units in debt. Until
/// then DynamoDB refuses every write to the table.
/// </summary>
public sealed class ExhaustedStackFixture : CapacityStackFixture
{
    protected override IReadOnlyDictionary<string, string> Parameters { get; } = new Dictionary<string, string>
    {
        ["MaxWriteRequestUnits"] = "1",
        ["IntegrationTimeoutMs"] = "5000",
    };

    protected override async Task PrepareAsync()
    {
        using var client = LocalDynamoDbClient.Create(Stack.Capacity.Endpoint);
        var large = new Dictionary<string, AttributeValue>
        {
            ["orderId"] = new("exhaust-" + Guid.NewGuid().ToString("N")[..8]),
            ["note"] = new(new string('x', 390 * 1024 - 100)),
        };
        // The warm-up row took the one unit; the bucket is full again within a second.
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await client.PutItemAsync("orders", large);
                return;
            }
            catch (ThrottlingException) when (DateTime.UtcNow < giveUp)
            {
                await Task.Delay(250);
            }
        }
    }
}

/// <summary>When the store throttles every write of a request, nothing is stored and the answer is 429 (docs/http-api.md).</summary>
[Collection(LocalStackTests.Name)]
public sealed class NothingWrittenTests(ExhaustedStackFixture stack) : IClassFixture<ExhaustedStackFixture>
{
    [Fact]
    public async Task A_request_of_which_no_row_could_be_written_for_throttling_is_429_with_Retry_After_and_every_row_retry()
    {
        var rows = OrderRows.Create("throttled-" + Guid.NewGuid().ToString("N")[..8], 40);

        var answer = await IngestCalls.PostAsync(stack.Http, "orders", rows);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.Status);
        Assert.Equal(new IngestSummary(Received: 40, Stored: 0, Invalid: 0, Duplicate: 0, Retry: 40), answer.Body.Summary);
        Assert.False(answer.Body.Complete);
        Assert.Equal(40, answer.Body.Rows.Count);
        Assert.All(answer.Body.Rows, r => Assert.Equal((RowStatus.Retry, RetryReasons.Throttled), (r.Status, r.Reason)));
        // Retry-After counts whole seconds of the body's retryAfterMs.
        Assert.NotNull(answer.Body.RetryAfterMs);
        Assert.Equal((answer.Body.RetryAfterMs!.Value + 999) / 1000, answer.RetryAfterSeconds);
    }

    [Fact]
    public async Task A_write_over_the_table_maximum_reaches_the_SDK_as_its_typed_ThrottlingException_with_reasons()
    {
        using var client = LocalDynamoDbClient.Create(stack.Stack.Capacity.Endpoint);

        var refused = await Assert.ThrowsAsync<ThrottlingException>(() => client.PutItemAsync("orders", new()
        {
            ["orderId"] = new("refused-" + Guid.NewGuid().ToString("N")[..8]),
        }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var reason = Assert.Single(refused.ThrottlingReasons);
        Assert.Equal("TableWriteMaxOnDemandThroughputExceeded", reason.Reason);
        Assert.EndsWith(":table/orders", reason.Resource, StringComparison.Ordinal);
    }
}
