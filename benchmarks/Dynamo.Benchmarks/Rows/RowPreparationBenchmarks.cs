using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Json.Schema;

namespace Dynamo.Benchmarks.Rows;

/// <summary>
/// Parse + validate + convert of one full request: 5,000 typical orders, about 1 MB. The goal is under
/// 20 ms median for <see cref="Prepare"/>; the JsonSchema.Net figures show what the compiled validator saves.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class RowPreparationBenchmarks
{
    private const int Rows = 5000;
    private static readonly DateTimeOffset IngestedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly EvaluationOptions _formatsOn = new() { RequireFormatValidation = true };
    private Dataset _orders = null!;
    private JsonSchema _jsonSchemaNet = null!;
    private byte[] _body = [];

    [GlobalSetup]
    public void Setup()
    {
        _orders = DatasetCatalog.Load("")["orders"];
        _jsonSchemaNet = JsonSchema.FromText(_orders.Schema.GetRawText());
        var statuses = new[] { "new", "paid", "shipped", "cancelled" };
        var rows = Enumerable.Range(0, Rows).Select(i =>
            $"{{\"orderId\":\"ORD-2026-{i:D7}\",\"customer\":\"Customer {i % 997} GmbH\",\"amount\":{i % 5000}.{i % 100:D2}," +
            $"\"currency\":\"EUR\",\"status\":\"{statuses[i % 4]}\",\"createdAt\":\"2026-01-{1 + (i % 28):D2}T10:{i % 60:D2}:45.{i % 1000:D3}+01:00\"," +
            $"\"channel\":\"web\",\"items\":{1 + (i % 9)},\"note\":\"Deliver to the back door and ring twice, please\"}}");
        _body = Encoding.UTF8.GetBytes("{\"rows\":[" + string.Join(",", rows) + "]}");
        Console.WriteLine($"// Body: {_body.Length:N0} bytes, {Rows:N0} rows");
    }

    [Benchmark(Baseline = true, Description = "Prepare: parse + compiled validation + convert")]
    public int Prepare()
    {
        using var request = RowPreparer.Prepare(_orders, _body, "bench", IngestedAt);
        return request.Rows.Count;
    }

    [Benchmark(Description = "Prepare + JsonSchema.Net evaluation of every row")]
    public int PrepareWithJsonSchemaNet()
    {
        using var request = RowPreparer.Prepare(_orders, _body, "bench", IngestedAt);
        using var document = JsonDocument.Parse(_body);
        var valid = 0;
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
            if (_jsonSchemaNet.Evaluate(row, _formatsOn).IsValid) valid++;
        return valid + request.Rows.Count;
    }

    [Benchmark(Description = "JsonSchema.Net only: parse + evaluate every row")]
    public int JsonSchemaNetOnly()
    {
        using var document = JsonDocument.Parse(_body);
        var valid = 0;
        foreach (var row in document.RootElement.GetProperty("rows").EnumerateArray())
            if (_jsonSchemaNet.Evaluate(row, _formatsOn).IsValid) valid++;
        return valid;
    }
}
