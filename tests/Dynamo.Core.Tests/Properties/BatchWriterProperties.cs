using System.Collections.Concurrent;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using CsCheck;
using Dynamo.Contracts;
using Dynamo.Core.Tests.Writing;
using Dynamo.Core.Writing;
using Dynamo.Core.Writing.Wire;
using Moq;

namespace Dynamo.Core.Tests.Properties;

/// <summary>
/// The deadline (docs/http-api.md) under any weather: whatever the store answers (throttling, unprocessed items,
/// errors, refusals, slow calls cut by the deadline), every row gets exactly one status, and the rows
/// answered <c>stored</c> are exactly the rows the store accepted.
/// </summary>
public sealed class BatchWriterProperties
{
    /// <summary>How the store answers: a seed for its choices, how often it misbehaves, and which rows it refuses outright.</summary>
    private sealed record Weather(int Seed, int TroublePercent, int MaxLatencyMs, int PoisonEvery);

    private sealed record Scenario(int Rows, int Parallelism, int SoftMs, int HardAfterSoftMs, Weather Weather);

    private static readonly Gen<Scenario> Scenarios = Gen.Select(
        Gen.Int[1, 130], Gen.Int[1, 4], Gen.Int[0, 2500], Gen.Int[0, 1000],
        Gen.Select(Gen.Int, Gen.Int[0, 100], Gen.Int[0, 400], Gen.OneOf(Gen.Const(0), Gen.Int[1, 40]),
            (seed, trouble, latency, poison) => new Weather(seed, trouble, latency, poison)),
        (rows, parallelism, soft, hard, weather) => new Scenario(rows, parallelism, soft, hard, weather));

    /// <summary>A fake DynamoDB whose answers the weather draws; it records every item it accepted.</summary>
    private sealed class WeatherStore
    {
        private readonly Random _random;
        private readonly Weather _weather;
        private readonly FakeClock _clock;

        public WeatherStore(Weather weather, FakeClock clock)
        {
            (_weather, _clock, _random) = (weather, clock, new Random(weather.Seed));
            var mock = new Mock<IAmazonDynamoDB>(MockBehavior.Strict);
            mock.Setup(d => d.BatchWriteItemAsync(It.IsAny<BatchWriteItemRequest>(), It.IsAny<CancellationToken>()))
                .Returns((BatchWriteItemRequest request, CancellationToken token) => Task.FromResult(Answer(request, token)));
            Client = mock.Object;
        }

        public IAmazonDynamoDB Client { get; }
        public ConcurrentDictionary<string, int> Accepted { get; } = new();

        public bool IsPoison(int order) => _weather.PoisonEvery > 0 && order % _weather.PoisonEvery == 7 % _weather.PoisonEvery;

        private int Draw(int max)
        {
            lock (_random) return _random.Next(max);
        }

        private BatchWriteItemResponse Answer(BatchWriteItemRequest request, CancellationToken token)
        {
            var items = request.PutItems();
            _clock.Advance(TimeSpan.FromMilliseconds(Draw(_weather.MaxLatencyMs + 1)));
            // A call the deadline cut: the writer cannot know what happened, so nothing counts as accepted.
            token.ThrowIfCancellationRequested();
            if (items.Any(i => IsPoison(ScriptedDynamo.OrderNumber(i["orderId"].S))))
                throw new AmazonDynamoDBException("One or more parameter values were invalid") { ErrorCode = "ValidationException", StatusCode = HttpStatusCode.BadRequest };
            var trouble = Draw(100) < _weather.TroublePercent ? Draw(10) : -1;
            switch (trouble)
            {
                case 0 or 1 or 2:
                    throw new ProvisionedThroughputExceededException("Throughput exceeded") { StatusCode = HttpStatusCode.BadRequest };
                case 3:
                    throw new InternalServerErrorException("Internal server error") { StatusCode = HttpStatusCode.InternalServerError };
                case 4:
                    throw new HttpRequestException("Connection reset");
                case 5 when Draw(10) == 0:
                    throw new ResourceNotFoundException("Requested resource not found");
            }
            var unprocessed = trouble >= 5 ? items.Where(_ => Draw(2) == 0).ToList() : [];
            foreach (var item in items.Except(unprocessed)) Accepted.AddOrUpdate(item["orderId"].S, 1, (_, n) => n + 1);
            return new BatchWriteItemResponse
            {
                UnprocessedItems = unprocessed.Count == 0 ? [] : new() { [TestItems.OrdersTable.Table] = [.. unprocessed.Select(i => new WriteRequest(new PutRequest(i)))] },
            };
        }
    }

    private static async Task AssertStatusesPartitionTheRows(Scenario scenario)
    {
        var clock = new FakeClock();
        var store = new WeatherStore(scenario.Weather, clock);
        var writer = new BatchWriter(store.Client, clock, new BatchWriterOptions { MaxParallelism = scenario.Parallelism }, new Random(scenario.Weather.Seed));
        // Indexes are not positions (the writer gets the valid rows of a request), so a mix-up shows.
        var rows = Enumerable.Range(0, scenario.Rows).Select(n => new PendingWrite(3 * n + 1, WireItem.From(TestItems.OrdersTable, TestItems.Order(n)))).ToList();
        var soft = clock.GetUtcNow().AddMilliseconds(scenario.SoftMs);
        var budget = new WriteBudget(soft, soft.AddMilliseconds(scenario.HardAfterSoftMs));

        var result = await clock.RunAsync(writer.WriteAsync(TestItems.OrdersTable, rows, budget), TimeSpan.FromMilliseconds(50));

        Assert.Equal(rows.Select(r => r.Index), result.Rows.Select(r => r.Index));
        for (var n = 0; n < rows.Count; n++)
        {
            var row = result.Rows[n];
            var accepted = store.Accepted.TryGetValue(TestItems.OrderId(n), out var times);
            Assert.True(accepted == (row.Status == RowStatus.Stored), $"row {n}: {row} but the store {(accepted ? "accepted" : "did not accept")} it");
            Assert.True(times <= 1, $"row {n} was written {times} times");
            switch (row.Status)
            {
                case RowStatus.Retry:
                    Assert.Contains(row.Reason, new[] { RetryReasons.Deadline, RetryReasons.Throttled, RetryReasons.StoreError });
                    break;
                case RowStatus.Invalid:
                    Assert.True(store.IsPoison(n), $"row {n} is not one the store refuses, yet {row}");
                    break;
                case RowStatus.Stored:
                    Assert.Null(row.Reason);
                    break;
                default:
                    Assert.Fail($"row {n}: the writer does not answer {row.Status}");
                    break;
            }
        }
    }

    [Fact]
    public void Every_row_gets_one_status_and_stored_rows_are_exactly_the_ones_the_store_accepted() =>
        Scenarios.Sample(scenario => Task.Run(() => AssertStatusesPartitionTheRows(scenario)).GetAwaiter().GetResult(),
            iter: PropertyRuns.Iterations(60), threads: 2);
}
