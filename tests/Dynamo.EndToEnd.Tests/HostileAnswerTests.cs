using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// Requests whose answer once was not one a client can act on (issue 22), and more of their kinds: framing the
/// HTTP server refuses, API Gateway's quota on headers, events and replies near Lambda's 6 MB, text that is no
/// Unicode where the reply or the event must write it, limits judged on what is stored. Each gets a 2xx it can
/// read row by row, or a 4xx with the JSON error shape; never a 5xx, never an empty body.
/// </summary>
[Collection(LocalStackTests.Name)]
public sealed class HostileAnswerTests(LocalStackFixture stack)
{
    /// <summary>Lambda's limit on a synchronous response, the one a reply must fit (6 MB).</summary>
    private const int LambdaResponseLimit = 6 * 1024 * 1024;

    private static string Order(string orderId, string extra = "") =>
        $$"""{"orderId":"{{orderId}}","customer":"c","amount":1.5,"status":"paid","createdAt":"2026-03-14T15:09:26Z"{{extra}}}""";

    private static string Body(IEnumerable<string> rows) => """{"rows":[""" + string.Join(",", rows) + "]}";

    private static string Prefix() => "answer-" + Guid.NewGuid().ToString("N")[..10];

    private static ByteArrayContent Json(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>
    /// The answer, and what its body takes in the Lambda response as Amazon.Lambda.Annotations' HttpResults writes
    /// it: the reply as one JSON string, escaped by System.Text.Json's default encoder (a quote 6 bytes, a CJK
    /// character 6), the larger of the layers' two envelopes.
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonElement Body, long ResponseBytes)> PostAsync(string body, string path = "datasets/orders/rows")
    {
        using var content = Json(body);
        using var response = await stack.Http.PostAsync(path, content);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 500)))}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var carried = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(carried))
            writer.WriteStringValue(bytes);
        return (response.StatusCode, JsonDocument.Parse(bytes).RootElement.Clone(), carried.WrittenCount);
    }

    private async Task<int> StoredCountAsync(string prefix, string table = "orders", string key = "orderId")
    {
        using var client = stack.Stack.Store.CreateClient();
        return await StoredRows.CountAsync(client, table, key, prefix);
    }

    /// <summary>Raw HTTP/1.1 on a socket: the status and the body, or 0 when the server closed without answering.</summary>
    private async Task<(int Status, string Body)> RawAsync(string head, byte[] body)
    {
        using var client = new TcpClient();
        var api = stack.Api;
        await client.ConnectAsync(api.Host, api.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Replace("HOST", $"{api.Host}:{api.Port}", StringComparison.Ordinal)));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var response = await reader.ReadToEndAsync(timeout.Token);
        if (response.Length == 0) return (0, "");
        var status = int.Parse(response.Split(' ')[1], CultureInfo.InvariantCulture);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, split < 0 ? "" : response[(split + 4)..]);
    }

    private string StagePath(string path) => stack.Api.AbsolutePath + path;

    /// <summary>A 4xx of the status given whose body is the JSON error shape, with a message.</summary>
    private static void AssertJsonRefusal(int expected, (int Status, string Body) answer)
    {
        Assert.True(expected == answer.Status, $"{answer.Status}: {answer.Body}");
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(answer.Body).RootElement.GetProperty("message").GetString()));
    }

    // 1. Framing the HTTP server finds broken while the gateway reads the body.

    [Fact]
    public async Task A_malformed_chunk_size_is_a_400_with_a_json_error_that_writes_nothing()
    {
        var prefix = Prefix();
        var body = Encoding.UTF8.GetBytes(Body([Order(prefix + "-1")]));
        var chunked = "zz\r\n"u8.ToArray().Concat(body).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();
        var head = $"POST {StagePath("datasets/orders/rows")} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";

        AssertJsonRefusal(400, await RawAsync(head, chunked));
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task A_content_length_longer_than_a_body_that_then_stalls_is_a_408_with_a_json_error_that_writes_nothing()
    {
        var prefix = Prefix();
        var body = Encoding.UTF8.GetBytes(Body([Order(prefix + "-1")]));
        // The client keeps the connection open and sends nothing more: the server's minimum data rate ends the wait.
        var head = $"POST {StagePath("datasets/orders/rows")} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: {body.Length + 50}\r\nConnection: close\r\n\r\n";

        AssertJsonRefusal(408, await RawAsync(head, body));
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    // 2. API Gateway's quota: 10,240 bytes of request line and headers.

    [Fact]
    public async Task Two_hundred_short_headers_are_within_api_gateways_quota()
    {
        var prefix = Prefix();
        var headers = string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i:000}: v\r\n"));
        var body = Encoding.UTF8.GetBytes(Body([Order(prefix + "-1")]));
        var head = $"POST {StagePath("datasets/orders/rows")} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\n{headers}Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";

        var (status, _) = await RawAsync(head, body);

        Assert.Equal(200, status);
        Assert.Equal(1, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task Headers_over_api_gateways_10240_bytes_are_a_431_with_a_json_error()
    {
        var head = $"GET {StagePath("datasets")} HTTP/1.1\r\nHost: HOST\r\nX-Big: {new string('b', 10_300)}\r\nConnection: close\r\n\r\n";

        AssertJsonRefusal(431, await RawAsync(head, []));
    }

    [Fact]
    public async Task A_query_string_of_20000_characters_is_a_414_with_a_json_error()
    {
        var head = $"GET {StagePath("datasets")}?q={new string('q', 20_000)} HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n";

        AssertJsonRefusal(414, await RawAsync(head, []));
    }

    [Fact]
    public async Task A_path_of_bytes_that_are_no_utf8_is_a_4xx_with_a_json_error()
    {
        // %ED%A0%80 is a surrogate spelled in UTF-8, which UTF-8 forbids.
        var head = $"POST {StagePath("datasets/%ED%A0%80/rows")} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n";

        var (status, body) = await RawAsync(head, "{}"u8.ToArray());

        Assert.True(status is >= 400 and < 500, $"{status}: {body}");
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()));
    }

    // 3. The event measured as API Gateway builds it.

    [Fact]
    public async Task Five_thousand_rows_of_forty_one_character_fields_land_though_escaping_every_quote_would_pass_6_MB()
    {
        var prefix = Prefix();
        var fields = string.Concat(Enumerable.Range(0, 40).Select(f => $",\"f{f:00}\":\"x\""));
        var body = Body(Enumerable.Range(0, 5000).Select(i => Order($"{prefix}-{i}", fields)));
        // Each of the body's quotes as \u0022 would make its event over Lambda's 6 MB.
        Assert.True(body.Length + 5 * body.Count(c => c == '"') > LambdaResponseLimit);

        var (status, answer, _) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5000, answer.GetProperty("summary").GetProperty("stored").GetInt32());
        Assert.Equal(5000, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task Three_and_a_half_megabytes_of_cjk_and_emoji_text_land()
    {
        var prefix = Prefix();
        // 12 rows of 100,000 characters: 300 KB of CJK (3 bytes each) or of emoji (4 bytes a pair), each within 400 KB.
        var rows = Enumerable.Range(0, 12).Select(i => Order($"{prefix}-{i}",
            $",\"note\":\"{(i % 2 == 0 ? new string('東', 100_000) : string.Concat(Enumerable.Repeat("😀", 75_000)))}\""));
        var body = Body(rows);
        Assert.InRange(Encoding.UTF8.GetByteCount(body), 3_500_000, 4_000_000);

        var (status, _, _) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(12, await StoredCountAsync(prefix));
    }

    // 4. A reply within Lambda's 6 MB response limit, whatever the rows.

    [Fact]
    public async Task Five_thousand_invalid_rows_with_long_paths_are_answered_within_6_MB_every_row_with_its_status_and_a_flag_saying_the_list_was_cut()
    {
        var prefix = Prefix();
        // Each row: a field with an 800-character name holding 11 numbers DynamoDB cannot hold, so 11 errors each
        // spelling the name; listed whole, the reply would be over 25 MB.
        var name = new string('n', 800);
        var numbers = string.Join(",", Enumerable.Repeat("1e999", 11));
        var body = Body(Enumerable.Range(0, 5000).Select(i => Order($"{prefix}-{i}", $",\"{name}\":[{numbers}]")));
        Assert.True(body.Length < 5 * 1024 * 1024);

        var (status, answer, responseBytes) = await PostAsync(body);

        Assert.Equal((HttpStatusCode)207, status);
        Assert.True(responseBytes < LambdaResponseLimit, $"{responseBytes:N0} bytes");
        Assert.True(answer.GetProperty("truncated").GetBoolean());
        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 5000), rows.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(rows, row => Assert.Equal("invalid", row.GetProperty("status").GetString()));
        Assert.All(rows, row => Assert.NotEqual(0, row.GetProperty("errors").GetArrayLength()));
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task Five_thousand_invalid_rows_whose_field_names_are_cjk_and_quotes_are_answered_within_6_MB_as_the_official_envelope_carries_them()
    {
        var prefix = Prefix();
        // Each row: a field named by 110 times 東", 5 bytes sent and 14 in the response (東 as \u6771, the quote as
        // \\\u0022 once the reply escaped it), holding 11 numbers DynamoDB cannot hold: 11 errors each spelling the
        // name. Counted as the reply's UTF-8 with an envelope that escapes little (the quote 4 bytes, 東 3), the
        // reply budget let this reply grow to about 10 MB in the official layer's response.
        var name = string.Concat(Enumerable.Repeat("東\\\"", 110));
        var numbers = string.Join(",", Enumerable.Repeat("1e999", 11));
        var body = Body(Enumerable.Range(0, 5000).Select(i => Order($"{prefix}-{i}", $",\"{name}\":[{numbers}]")));
        Assert.InRange(Encoding.UTF8.GetByteCount(body), 3 * 1024 * 1024, 5 * 1024 * 1024);

        var (status, answer, responseBytes) = await PostAsync(body);

        Assert.Equal((HttpStatusCode)207, status);
        Assert.True(responseBytes < LambdaResponseLimit, $"{responseBytes:N0} bytes");
        Assert.True(answer.GetProperty("truncated").GetBoolean());
        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 5000), rows.Select(r => r.GetProperty("index").GetInt32()));
        Assert.All(rows, row => Assert.Equal("invalid", row.GetProperty("status").GetString()));
        Assert.All(rows, row => Assert.StartsWith("東\"東", row.GetProperty("errors")[0].GetString(), StringComparison.Ordinal));
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    // 5. Text that is no Unicode, where the reply must write it.

    [Fact]
    public async Task A_lone_surrogate_in_a_key_after_valid_rows_is_invalid_with_its_own_message_and_the_valid_rows_stay_stored()
    {
        var prefix = Prefix();
        var body = Body([Order(prefix + "-1"), Order(prefix + "-\\ud800"), Order(prefix + "-3")]);

        var (status, answer, _) = await PostAsync(body);

        Assert.Equal((HttpStatusCode)207, status);
        var row = Assert.Single(answer.GetProperty("rows").EnumerateArray());
        Assert.Equal(1, row.GetProperty("index").GetInt32());
        Assert.Equal("invalid", row.GetProperty("status").GetString());
        Assert.Contains(row.GetProperty("errors").EnumerateArray(), e => e.GetString()!.StartsWith("orderId: not valid Unicode text", StringComparison.Ordinal));
        Assert.False(row.TryGetProperty("key", out _));
        Assert.Equal(2, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task A_field_name_that_is_a_lone_surrogate_is_named_in_the_reply_as_sent()
    {
        var prefix = Prefix();
        var body = Body([Order(prefix + "-1", ",\"\\udc00x\":{\"n\":1e999}"), Order(prefix + "-2")]);

        var (status, answer, _) = await PostAsync(body);

        Assert.Equal((HttpStatusCode)207, status);
        var row = Assert.Single(answer.GetProperty("rows").EnumerateArray());
        Assert.Equal("invalid", row.GetProperty("status").GetString());
        Assert.Equal(1, await StoredCountAsync(prefix));
    }

    // 6. Limits judged on what is stored.

    [Fact]
    public async Task A_date_time_sort_key_with_1100_fraction_digits_is_stored_as_its_20_bytes()
    {
        var device = Prefix();
        var ts = "2026-01-01T08:00:00." + new string('0', 1100) + "Z";
        var body = $$"""{"rows":[{"deviceId":"{{device}}","ts":"{{ts}}","temperature":20}]}""";

        var (status, _, _) = await PostAsync(body, "datasets/readings/rows");

        Assert.Equal(HttpStatusCode.OK, status);
        using var client = stack.Stack.Store.CreateClient();
        var item = await client.GetItemAsync("readings", new()
        {
            ["deviceId"] = new AttributeValue { S = device },
            ["ts"] = new AttributeValue { S = "2026-01-01T08:00:00Z" },
        });
        Assert.True(item.IsItemSet);
    }

    [Fact]
    public async Task A_key_spelled_with_escapes_is_judged_by_its_stored_bytes()
    {
        var prefix = Prefix();
        // 128 characters (the schema's maxLength) of which most are \u0041: 6 bytes each as sent, 1 as stored.
        var orderId = prefix + string.Concat(Enumerable.Repeat("\\u0041", 128 - prefix.Length));

        var (status, _, _) = await PostAsync(Body([Order(orderId)]));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, await StoredCountAsync(prefix));
    }
}
