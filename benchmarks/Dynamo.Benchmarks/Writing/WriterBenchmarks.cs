using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Dynamo.Core.Writing;
using Dynamo.Local.Store;

namespace Dynamo.Benchmarks.Writing;

/// <summary>
/// 5,000 rows into one DynamoDB Local table: the writer (at several parallelisms, to choose the default)
/// against a bare parallel BatchWriteItem loop (the floor), the SDK's own batch writer, and a sequential
/// loop. Run: dotnet run -c Release --project benchmarks/Dynamo.Benchmarks -- --filter '*WriterBenchmarks*'
/// </summary>
[Config(typeof(Config))]
public class WriterBenchmarks
{
    private const int RowCount = 5_000;
    private const int FloorParallelism = 16;

    private DynamoDbLocal _local = null!;
    private IAmazonDynamoDB _dynamo = null!;
    private List<PendingWrite> _rows = null!;
    private List<BatchWriteItemRequest> _batches = null!;
    private List<Document> _documents = null!;
    private Table _table = null!;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            // One process (so one DynamoDB Local per case), and each iteration is one 5,000-row write:
            // a macro benchmark, measured as such.
            AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(5)
                .WithIterationCount(20));
            AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        }
    }

    [GlobalSetup]
    public async Task StartDynamoDbLocal()
    {
        _local = await DynamoDbLocal.StartAsync(new DynamoDbLocalOptions
        {
            InstallDirectory = DynamoDbLocalOptions.DefaultInstallDirectory(RepositoryRoot.Find()),
            SteadyStateJit = true,
        });
        _dynamo = _local.CreateClient();
        await _dynamo.CreateTableAsync(new CreateTableRequest
        {
            TableName = BenchmarkOrders.Table.Table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("orderId", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("orderId", ScalarAttributeType.S)],
        });
        _rows = BenchmarkOrders.Rows(RowCount);
        _batches = _rows.Chunk(BatchWriter.MaxBatchSize).Select(chunk => new BatchWriteItemRequest
        {
            RequestItems = new() { [BenchmarkOrders.Table.Table] = chunk.Select(r => new WriteRequest(new PutRequest(new(r.Item.Attributes)))).ToList() },
        }).ToList();
        _documents = _rows.Select(r => Document.FromAttributeMap(new(r.Item.Attributes))).ToList();
        _table = new TableBuilder(_dynamo, BenchmarkOrders.Table.Table).AddHashKey("orderId", DynamoDBEntryType.String).Build();
    }

    [GlobalCleanup]
    public async Task StopDynamoDbLocal()
    {
        _dynamo.Dispose();
        await _local.DisposeAsync();
    }

    private Task<BatchWriteResult> WriteAsync(int parallelism) =>
        new BatchWriter(_dynamo, TimeProvider.System, new BatchWriterOptions { MaxParallelism = parallelism })
            .WriteAsync(BenchmarkOrders.Table, _rows, new WriteBudget(DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow.AddMinutes(2)));

    [Benchmark(Baseline = true, Description = "floor: bare parallel BatchWriteItem, 16 in flight")]
    public Task BareParallelLoop() =>
        Parallel.ForEachAsync(_batches, new ParallelOptions { MaxDegreeOfParallelism = FloorParallelism },
            async (batch, token) => await _dynamo.BatchWriteItemAsync(batch, token));

    [Benchmark(Description = "writer, 8 in flight")]
    public Task Writer8() => WriteAsync(8);

    [Benchmark(Description = "writer, 16 in flight")]
    public Task Writer16() => WriteAsync(16);

    [Benchmark(Description = "writer, 32 in flight (the default)")]
    public Task Writer32() => WriteAsync(new BatchWriterOptions().MaxParallelism);

    [Benchmark(Description = "SDK batch writer (Table.CreateBatchWrite)")]
    public Task SdkBatchWriter()
    {
        var write = _table.CreateBatchWrite();
        foreach (var document in _documents) write.AddDocumentToPut(document);
        return write.ExecuteAsync();
    }

    [Benchmark(Description = "sequential BatchWriteItem loop")]
    public async Task SequentialLoop()
    {
        foreach (var batch in _batches) await _dynamo.BatchWriteItemAsync(batch);
    }
}
