using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.EndToEnd.Tests;

/// <summary>
/// Hostile input against the local stack: every request either lands row by row as its answer says, or is
/// refused with a 4xx and a JSON error, writing nothing. None may get a 5xx.
/// </summary>
[Collection(LocalStackTests.Name)]
public sealed class HostileInputTests(LocalStackFixture stack)
{
    private const int FiveMegabytes = 5 * 1024 * 1024;
    private static readonly JsonSerializerOptions EscapeAllButAscii = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default };

    private static string Order(string orderId, string extra = "") =>
        $$"""{"orderId":"{{orderId}}","customer":"c","amount":1.5,"status":"paid","createdAt":"2026-03-14T15:09:26Z"{{extra}}}""";

    private static string Body(params string[] rows) => """{"rows":[""" + string.Join(",", rows) + "]}";

    private static string Prefix() => "hostile-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpContent content, string path = "datasets/orders/rows")
    {
        using (content)
        using (var response = await stack.Http.PostAsync(path, content))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
        }
    }

    private static ByteArrayContent Json(string body) => Json(Encoding.UTF8.GetBytes(body));

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A refused request: the status, a JSON error with message and type, and nothing stored under the prefix.</summary>
    /// <summary>Posts, checks the refusal's status and JSON error shape and that nothing was stored; the message.</summary>
    private async Task<string> AssertRefusedAsync(HttpStatusCode expected, HttpContent content, string prefix, string path = "datasets/orders/rows")
    {
        var (status, body) = await PostAsync(content, path);
        Assert.Equal(expected, status);
        var message = body.GetProperty("message").GetString();
        Assert.False(string.IsNullOrEmpty(message));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("type").GetString()));
        Assert.Equal(0, await StoredCountAsync(prefix));
        return message!;
    }

    private async Task<int> StoredCountAsync(string prefix)
    {
        using var client = stack.Stack.Store.CreateClient();
        return await StoredRows.CountAsync(client, "orders", "orderId", prefix);
    }

    private static string[] Statuses(JsonElement answer) =>
        [.. answer.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("status").GetString()!)];

    private const string NotJson = "not valid JSON";
    private const string Trailing = "continues after its JSON object";
    private const string NoRowsArray = "one \"rows\" array";
    private const string NotAnObject = "not a JSON object";

    /// <summary>A body the function must refuse whole, and a part of the message that says why.</summary>
    public static TheoryData<string, string> MalformedBodies => new()
    {
        { """{"rows":[{"orderId":"PREFIX-1","amount":""", NotJson },
        { Body(Order("PREFIX-1")) + " {}", Trailing },
        { Body(Order("PREFIX-1")) + "x", Trailing },
        { Body(Order("PREFIX-1", ""","weight":NaN""")), NotJson },
        { Body(Order("PREFIX-1", ""","weight":-Infinity""")), NotJson },
        { "{'rows':[{'orderId':'PREFIX-1'}]}", NotJson },
        { "/* hi */" + Body(Order("PREFIX-1")), NotJson },
        { """{"rows":[""" + Order("PREFIX-1", ""","deep":""" + new string('[', 300) + new string(']', 300)) + "]}", NotJson },
        { "", NotJson },
        { """{"rows":[""" + Order("PREFIX-1") + """],"rows":[""" + Order("PREFIX-2") + "]}", NoRowsArray },
        { """{"rows":""" + Order("PREFIX-1") + "}", NoRowsArray },
        { """{"rows":null}""", NoRowsArray },
        { "[" + Order("PREFIX-1") + "]", NoRowsArray },
        { Body(Order("PREFIX-1"), "\"PREFIX-2\""), "Row 1 is a string, " + NotAnObject },
        { Body(Order("PREFIX-1"), "null"), "Row 1 is null, " + NotAnObject },
        { """{"rows":[]}""", "The \"rows\" array is empty" },
        { "\"rows\"", NoRowsArray },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_is_a_400_that_writes_nothing_and_says_why(string body, string says)
    {
        var prefix = Prefix();
        var message = await AssertRefusedAsync(HttpStatusCode.BadRequest, Json(body.Replace("PREFIX", prefix, StringComparison.Ordinal)), prefix);
        Assert.Contains(says, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_is_a_400_that_writes_nothing()
    {
        var prefix = Prefix();
        var bytes = Encoding.UTF8.GetBytes(Body(Order(prefix + "-1", ""","note":"XX""")));
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        await AssertRefusedAsync(HttpStatusCode.BadRequest, Json(bytes), prefix);
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_before_the_body_is_ignored()
    {
        var prefix = Prefix();
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Body(Order(prefix + "-1")))).ToArray();

        var (status, _) = await PostAsync(Json(bytes));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task Five_thousand_rows_land_and_five_thousand_and_one_are_a_413_that_writes_nothing()
    {
        var prefix = Prefix();
        var over = Enumerable.Range(0, 5001).Select(i => Order($"{prefix}-{i}")).ToArray();
        await AssertRefusedAsync(HttpStatusCode.RequestEntityTooLarge, Json(Body(over)), prefix);

        var (status, _) = await PostAsync(Json(Body(over[..5000])));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(5000, await StoredCountAsync(prefix));
    }

    /// <summary>A body of exactly <paramref name="size"/> bytes: one row whose note fills it.</summary>
    private static byte[] BodyOfSize(string orderId, int size)
    {
        const string note = ",\"note\":\"";
        var empty = Body(Order(orderId, note + "\""));
        var bytes = Encoding.UTF8.GetBytes(Body(Order(orderId, note + new string('n', size - Encoding.UTF8.GetByteCount(empty)) + "\"")));
        Assert.Equal(size, bytes.Length);
        return bytes;
    }

    [Fact]
    public async Task A_body_of_five_megabytes_is_answered_row_by_row_and_one_byte_more_is_a_413()
    {
        var prefix = Prefix();
        await AssertRefusedAsync(HttpStatusCode.RequestEntityTooLarge, Json(BodyOfSize(prefix + "-1", FiveMegabytes + 1)), prefix);

        // Within the limit the body is read; its one row is over DynamoDB's 400 KB, so it is invalid, not stored.
        var (status, answer) = await PostAsync(Json(BodyOfSize(prefix + "-1", FiveMegabytes)));
        Assert.Equal((HttpStatusCode)207, status);
        Assert.Equal(["invalid"], Statuses(answer));
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    public static TheoryData<string, string, string> RowsDynamoDbRefuses => new()
    {
        { "39 significant digits", ""","weight":123456789012345678901234567890123456789""", ""","weight":12345678901234567890123456789012345678""" },
        { "below the number range", ""","weight":1E-131""", ""","weight":1E-130""" },
        { "above the number range", ""","weight":1E+126""", ""","weight":9.9999999999999999999999999999999999999E+125""" },
        { "an empty attribute name", ""","":1""", ""","x":1""" },
        { "33 nesting levels", ""","deep":""" + new string('[', 32) + new string(']', 32), ""","deep":""" + new string('[', 31) + new string(']', 31) },
        { "a lone surrogate", ""","note":"\ud800" """.TrimEnd(), ""","note":"\ud83d\ude00" """.TrimEnd() },
        { "a field of ours", ""","_hash":"x" """.TrimEnd(), ""","hash":"x" """.TrimEnd() },
        { "a field twice", ""","note":"a","note":"b" """.TrimEnd(), ""","note":"a","note2":"b" """.TrimEnd() },
    };

    [Theory]
    [MemberData(nameof(RowsDynamoDbRefuses))]
    public async Task A_row_dynamodb_would_refuse_is_invalid_alone_while_its_neighbour_at_the_limit_is_stored(string why, string refused, string accepted)
    {
        var prefix = Prefix();
        var (status, answer) = await PostAsync(Json(Body(Order($"{prefix}-refused", refused), Order($"{prefix}-accepted", accepted))));

        Assert.True((HttpStatusCode)207 == status, why);
        var row = Assert.Single(answer.GetProperty("rows").EnumerateArray());
        Assert.Equal(0, row.GetProperty("index").GetInt32());
        Assert.Equal("invalid", row.GetProperty("status").GetString());
        Assert.Equal(1, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task An_empty_key_is_invalid()
    {
        var (status, answer) = await PostAsync(Json(Body(Order(""))));

        Assert.Equal((HttpStatusCode)207, status);
        Assert.Equal(["invalid"], Statuses(answer));
    }

    [Fact]
    public async Task Unicode_keys_are_stored_as_sent_and_an_escaped_spelling_is_the_same_row()
    {
        var prefix = Prefix();
        var key = prefix + "-Ünï😀-עברית-\u200b";
        var (status, _) = await PostAsync(Json(Body(Order(key, ""","note":"naïve café 😀" """.TrimEnd()))));
        Assert.Equal(HttpStatusCode.OK, status);

        var escaped = JsonSerializer.Serialize(key, EscapeAllButAscii);
        Assert.Contains("\\u", escaped, StringComparison.Ordinal);
        var body = Body(Order("KEY", ""","note":"naïve café 😀" """.TrimEnd())).Replace("\"KEY\"", escaped, StringComparison.Ordinal);
        (status, _) = await PostAsync(Json(body));
        Assert.Equal(HttpStatusCode.OK, status);

        using var client = stack.Stack.Store.CreateClient();
        var item = await client.GetItemAsync("orders", new() { ["orderId"] = new AttributeValue { S = key } });
        Assert.Equal("naïve café 😀", item.Item["note"].S);
        Assert.Equal(1, await StoredCountAsync(prefix));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=iso-8859-1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/jsonx")]
    [InlineData(null)]
    public async Task A_body_that_is_not_utf8_json_is_a_415_that_writes_nothing(string? contentType)
    {
        var prefix = Prefix();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body(Order(prefix + "-1"))));
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        await AssertRefusedAsync(HttpStatusCode.UnsupportedMediaType, content, prefix);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/json;charset=\"UTF-8\"")]
    public async Task Json_content_types_in_any_spelling_are_accepted(string contentType)
    {
        var prefix = Prefix();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body(Order(prefix + "-1"))));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var (status, _) = await PostAsync(content);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>Raw HTTP/1.1 on a socket: what HttpClient refuses to send (lies, odd methods, unnormalised paths).</summary>
    private async Task<(int Status, string Body)> RawAsync(string head, byte[] body, bool closeAfterSending = false)
    {
        using var client = new TcpClient();
        var api = stack.Api;
        await client.ConnectAsync(api.Host, api.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Replace("HOST", $"{api.Host}:{api.Port}", StringComparison.Ordinal)));
        await stream.WriteAsync(body);
        if (closeAfterSending) client.Client.Shutdown(SocketShutdown.Send);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string response;
        try
        {
            response = await reader.ReadToEndAsync(timeout.Token);
        }
        catch (IOException)
        {
            return (0, "");
        }
        if (response.Length == 0) return (0, "");
        var status = int.Parse(response.Split(' ')[1], CultureInfo.InvariantCulture);
        var split = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        return (status, split < 0 ? "" : response[(split + 4)..]);
    }

    private string StagePath(string path) => stack.Api.AbsolutePath + path;

    [Fact]
    public async Task A_content_length_longer_than_the_body_never_writes_a_row()
    {
        var prefix = Prefix();
        var body = Encoding.UTF8.GetBytes(Body(Order(prefix + "-1")));
        var head = $"POST {StagePath("datasets/orders/rows")} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: {body.Length + 100}\r\nConnection: close\r\n\r\n";

        var (status, _) = await RawAsync(head, body, closeAfterSending: true);

        Assert.True(status is 0 or (>= 400 and < 500), $"status {status}");
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task A_content_length_shorter_than_the_body_cuts_it_and_the_cut_body_is_a_400()
    {
        var prefix = Prefix();
        var body = Encoding.UTF8.GetBytes(Body(Order(prefix + "-1")));
        var head = $"POST {StagePath("datasets/orders/rows")} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: {body.Length - 10}\r\nConnection: close\r\n\r\n";

        var (status, answer) = await RawAsync(head, body);

        Assert.Equal(400, status);
        Assert.Equal("ValidationException", JsonDocument.Parse(answer).RootElement.GetProperty("type").GetString());
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task A_chunked_body_is_read_whole()
    {
        var prefix = Prefix();
        var body = Encoding.UTF8.GetBytes(Body(Order(prefix + "-1"), Order(prefix + "-2")));
        var half = body.Length / 2;
        var chunked = Encoding.ASCII.GetBytes($"{half:x}\r\n").Concat(body[..half]).Concat("\r\n"u8.ToArray())
            .Concat(Encoding.ASCII.GetBytes($"{body.Length - half:x}\r\n")).Concat(body[half..]).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();
        var head = $"POST {StagePath("datasets/orders/rows")} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";

        var (status, _) = await RawAsync(head, chunked);

        Assert.Equal(200, status);
        Assert.Equal(2, await StoredCountAsync(prefix));
    }

    [Theory]
    [InlineData("datasets/orders%2Frows")]
    [InlineData("datasets//orders/rows")]
    [InlineData("datasets/ORDERS/rows")]
    [InlineData("datasets/%6Frders%2F..%2Frows")]
    [InlineData("datasets/orders/rows/extra")]
    public async Task A_path_that_is_not_the_route_is_a_4xx_that_writes_nothing(string path) =>
        await AssertRawRefusedAsync("POST", path);

    [Theory]
    [InlineData("PATCH")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("BREW")]
    public async Task An_unknown_method_is_a_4xx_that_writes_nothing(string method) =>
        await AssertRawRefusedAsync(method, "datasets/orders/rows");

    private async Task AssertRawRefusedAsync(string method, string path)
    {
        var prefix = Prefix();
        var body = Encoding.UTF8.GetBytes(Body(Order(prefix + "-1")));
        var head = $"{method} {StagePath(path)} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";

        var (status, answer) = await RawAsync(head, body);

        Assert.True(status is >= 400 and < 500, $"status {status}");
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(answer).RootElement.GetProperty("message").GetString()));
        Assert.Equal(0, await StoredCountAsync(prefix));
    }

    /// <summary>Dot segments are resolved before routing (RFC 3986 section 5.2.4), as HTTP clients do: they reach the route they name.</summary>
    [Theory]
    [InlineData("datasets/orders/rows/../rows", 1)]
    [InlineData("datasets/./orders/rows", 1)]
    [InlineData("datasets/orders/../readings/../orders/rows", 1)]
    [InlineData("../datasets/orders/rows", 0)]
    public async Task Dot_segments_reach_the_route_they_resolve_to_or_none(string path, int stored)
    {
        var prefix = Prefix();
        var body = Encoding.UTF8.GetBytes(Body(Order(prefix + "-1")));
        var head = $"POST {StagePath(path)} HTTP/1.1\r\nHost: HOST\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";

        var (status, _) = await RawAsync(head, body);

        Assert.True(status is >= 200 and < 500, $"status {status}");
        Assert.Equal(stored, await StoredCountAsync(prefix));
    }

    [Fact]
    public async Task A_very_long_path_is_refused_with_a_4xx()
    {
        var head = $"GET {StagePath("datasets/" + new string('a', 16_000) + "/rows")} HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n";

        var (status, _) = await RawAsync(head, []);

        Assert.True(status is >= 400 and < 500, $"status {status}");
    }

    [Fact]
    public async Task An_unknown_dataset_is_a_404_that_writes_nowhere()
    {
        var prefix = Prefix();
        await AssertRefusedAsync(HttpStatusCode.NotFound, Json(Body(Order(prefix + "-1"))), prefix, "datasets/no-such-dataset/rows");
    }

    [Fact]
    public async Task The_console_logs_carry_keys_and_counts_but_never_row_contents()
    {
        var prefix = Prefix();
        var secret = "secret-" + Guid.NewGuid().ToString("N");
        var (status, _) = await PostAsync(Json(Body(Order(prefix + "-1", $$""","note":"{{secret}}" """.TrimEnd()), Order(prefix + "-2", """,  "amount":"not a number" """.TrimEnd()))));

        Assert.Equal((HttpStatusCode)207, status);
        Assert.DoesNotContain(secret, stack.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("not a number", stack.Console, StringComparison.Ordinal);
    }
}
