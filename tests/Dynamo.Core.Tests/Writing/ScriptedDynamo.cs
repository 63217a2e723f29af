using Moq;
using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Tests.Writing;

/// <summary>
/// A Moq <see cref="IAmazonDynamoDB"/> whose BatchWriteItem answers as the test scripts it, and which
/// records every call: when it started (on the test's clock) and the order ids it carried.
/// </summary>
public sealed class ScriptedDynamo
{
    private readonly Mock<IAmazonDynamoDB> _mock = new(MockBehavior.Strict);
    private readonly ConcurrentQueue<Received> _calls = new();
    private int _inFlight, _maxInFlight;

    public sealed record Received(DateTimeOffset At, IReadOnlyList<string> Keys);

    /// <param name="answer">Given the call's order ids and token, answers it (or throws).</param>
    public ScriptedDynamo(TimeProvider clock, Func<IReadOnlyList<string>, CancellationToken, Task<BatchWriteItemResponse>> answer)
    {
        _mock.Setup(d => d.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (BatchWriteItemRequest request, CancellationToken token) =>
            {
                var keys = request.PutItems().Select(i => i["orderId"].S).ToList();
                _calls.Enqueue(new Received(clock.GetUtcNow(), keys));
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _maxInFlight, now);
                try { return await answer(keys, token); }
                finally { Interlocked.Decrement(ref _inFlight); }
            });
    }

    public IAmazonDynamoDB Client => _mock.Object;
    public IReadOnlyList<Received> Calls => _calls.ToList();
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static Task<BatchWriteItemResponse> AllProcessed() => Task.FromResult(new BatchWriteItemResponse());

    /// <summary>A success that hands back the given orders as UnprocessedItems.</summary>
    public static Task<BatchWriteItemResponse> Unprocessed(IEnumerable<int> orders) => Task.FromResult(new BatchWriteItemResponse
    {
        UnprocessedItems = new Dictionary<string, List<WriteRequest>>
        {
            [TestItems.OrdersTable.Table] = orders.Select(n => new WriteRequest { PutRequest = new PutRequest { Item = TestItems.Order(n) } }).ToList(),
        },
    });

    public static int OrderNumber(string orderId) => int.Parse(orderId.AsSpan(2));

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }
}
