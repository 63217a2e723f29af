using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.EndToEnd.Tests.Capacity;

/// <summary>One POST of rows and its answer, read with the contract's own wire types.</summary>
internal sealed record IngestAnswer(HttpStatusCode Status, IngestResponse Body, int? RetryAfterSeconds, TimeSpan Elapsed)
{
    /// <summary>The positions (in the request) of the rows that came back retry.</summary>
    public IReadOnlyList<int> RetryIndexes => [.. Body.Rows.Where(r => r.Status == RowStatus.Retry).Select(r => r.Index)];
}

internal static class IngestCalls
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>{"rows":[...]} from rows already in JSON.</summary>
    public static string Body(IEnumerable<string> rows) => $$"""{"rows":[{{string.Join(',', rows)}}]}""";

    public static async Task<IngestAnswer> PostAsync(HttpClient http, string dataset, IEnumerable<string> rows)
    {
        using var content = Json(Body(rows));
        var clock = Stopwatch.StartNew();
        using var response = await http.PostAsync($"datasets/{dataset}/rows", content);
        var elapsed = clock.Elapsed;
        var text = await response.Content.ReadAsStringAsync();
        // The ingest function's own answers; any other status is the gateway's or an error's, with no ingest body.
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.MultiStatus or HttpStatusCode.TooManyRequests
                || (response.StatusCode == HttpStatusCode.ServiceUnavailable && text.Contains("\"summary\"", StringComparison.Ordinal)),
            $"POST answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        var body = JsonSerializer.Deserialize(text, ContractsJsonContext.Default.IngestResponse)!;
        return new IngestAnswer(response.StatusCode, body, (int?)response.Headers.RetryAfter?.Delta?.TotalSeconds, elapsed);
    }
}
