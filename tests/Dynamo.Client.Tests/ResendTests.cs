using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

public class ResendTests
{
    private static RowResult Retry(string reason = RetryReasons.Throttled) => new() { Index = 0, Status = RowStatus.Retry, Reason = reason };
    private static RowResult Invalid(string error) => new() { Index = 0, Status = RowStatus.Invalid, Errors = [error] };
    private static RowResult Duplicate() => new() { Index = 0, Status = RowStatus.Duplicate };

    [Fact]
    public async Task Retry_rows_of_a_207_and_only_they_are_resent_after_retryAfterMs()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number == 1
            ? api.AnswerRowsAsync(context, request, 207, new Dictionary<int, RowResult>
            {
                [2] = Retry(), [3] = Invalid("amount: expected number"), [4] = Duplicate(), [5] = Retry(RetryReasons.Deadline),
            }, retryAfterMs: 1500)
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(10), harness.Options());

        var requests = harness.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(["r-2", "r-5"], requests[1].Ids);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(1500));
        Assert.Equal((8L, 1L, 1L, 0L), (result.Stored, result.Invalid, result.Duplicate, result.Unstored));
        var invalid = Assert.Single(result.InvalidRows);
        Assert.Equal(3, invalid.Position);
        Assert.Equal("r-3", invalid.Row.GetProperty("id").GetString());
        Assert.Equal(["amount: expected number"], invalid.Errors);
        Assert.True(result.AllValidRowsStored);
    }

    [Fact]
    public async Task A_429_without_row_statuses_is_resent_whole_after_Retry_After_seconds()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number == 1
            ? ScriptedApi.AnswerErrorAsync(context, 429, ErrorTypes.Throttled, "Too Many Requests", retryAfter: "7")
            : api.StoreAllAsync(context, request));
        var progress = new List<SendProgress>();

        var result = await harness.SendAsync(Rows.Numbered(5), harness.Options(), new SynchronousProgress(progress));

        var requests = harness.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Ids, requests[1].Ids);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(7));
        Assert.Equal(5, result.Stored);
        var last = progress[^1];
        Assert.Equal((5L, 5L, 0L, 0L, 2L, 1L, 1L, 5L),
            (last.RowsRead, last.RowsStored, last.RowsInvalid, last.RowsDuplicate, last.Requests, last.Retries, last.Throttles, last.SettledThrough));
    }

    [Fact]
    public async Task Gateway_timeouts_other_5xx_and_dropped_connections_are_counted_apart_from_throttles()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number switch
        {
            1 => ScriptedApi.AnswerErrorAsync(context, 504, "TimeoutException", "Endpoint request timed out"),
            2 => ScriptedApi.AnswerErrorAsync(context, 502, "InternalServerErrorException", "Bad Gateway"),
            3 => ScriptedApi.DropConnectionAsync(context),
            4 => ScriptedApi.AnswerErrorAsync(context, 503, ErrorTypes.Throttled, "no concurrency", retryAfter: "1"),
            _ => api.StoreAllAsync(context, request),
        });
        var progress = new List<SendProgress>();

        var result = await harness.SendAsync(Rows.Numbered(3), harness.Options(), new SynchronousProgress(progress));

        Assert.Equal(3, result.Stored);
        var last = progress[^1];
        Assert.Equal((1L, 1L, 1L, 1L, 5L), (last.GatewayTimeouts, last.ServerErrors, last.Unanswered, last.Throttles, last.Requests));
    }

    [Fact]
    public async Task A_Retry_After_given_as_an_HTTP_date_is_waited_for()
    {
        var resendAt = DateTimeOffset.MinValue;
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
        {
            if (request.Number > 1)
            {
                return api.StoreAllAsync(context, request);
            }
            // HTTP-dates have whole seconds: the next whole second 10 s from now.
            resendAt = DateTimeOffset.FromUnixTimeSeconds(api.Now.AddSeconds(10).ToUnixTimeSeconds() + 1);
            return ScriptedApi.AnswerErrorAsync(context, 429, ErrorTypes.Throttled, "Too Many Requests", retryAfter: resendAt.ToString("r"));
        });

        var result = await harness.SendAsync(Rows.Numbered(2), harness.Options());

        Assert.True(harness.Api.Requests[1].At >= resendAt);
        Assert.Equal(2, result.Stored);
    }

    [Fact]
    public async Task A_429_decided_by_the_rows_resends_the_retry_rows_but_never_the_invalid_ones()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number == 1
            ? api.AnswerRowsAsync(context, request, 429, new Dictionary<int, RowResult>
            {
                [0] = Retry(), [1] = Invalid("status: not one of new|paid|shipped|cancelled"), [2] = Retry(),
            }, retryAfterMs: 1000, retryAfter: "2")
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(3), harness.Options());

        var requests = harness.Api.Requests;
        Assert.Equal(["r-0", "r-2"], requests[1].Ids);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2), "Retry-After wins over retryAfterMs");
        Assert.Equal((2L, 1L), (result.Stored, result.Invalid));
    }

    [Fact]
    public async Task A_503_is_resent_after_its_Retry_After_and_without_one_after_a_backoff()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number switch
        {
            1 => ScriptedApi.AnswerErrorAsync(context, 503, ErrorTypes.ServiceUnavailable, "No capacity", retryAfter: "4"),
            2 => ScriptedApi.AnswerTextAsync(context, 503, "<html>Service Unavailable</html>"),
            _ => api.StoreAllAsync(context, request),
        });

        var result = await harness.SendAsync(Rows.Numbered(4), harness.Options());

        var requests = harness.Api.Requests;
        Assert.Equal(3, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(4));
        Assert.All(requests, r => Assert.Equal(requests[0].Ids, r.Ids));
        Assert.Equal(4, result.Stored);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task A_server_error_even_with_a_body_that_is_not_JSON_is_resent_whole(int status)
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number <= 2
            ? ScriptedApi.AnswerTextAsync(context, status, "<html><body>Bad Gateway</body></html>")
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(3), harness.Options());

        Assert.Equal(3, harness.Api.Requests.Count);
        Assert.Equal(3, result.Stored);
        Assert.Equal(3, result.Requests);
    }

    [Fact]
    public async Task A_connection_dropped_mid_answer_is_resent_whole()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number == 1
            ? ScriptedApi.DropConnectionAsync(context)
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(6), harness.Options());

        var requests = harness.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Ids, requests[1].Ids);
        Assert.True(result.AllValidRowsStored);
        Assert.Equal(6, result.Stored);
    }

    [Fact]
    public async Task An_answer_slower_than_the_request_timeout_is_abandoned_and_the_request_resent()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => request.Number == 1
            ? api.StallAsync(context)
            : api.StoreAllAsync(context, request));

        var result = await harness.SendAsync(Rows.Numbered(3), harness.Options(o => o with { RequestTimeout = TimeSpan.FromSeconds(5) }));

        var requests = harness.Api.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(5));
        Assert.Equal(3, result.Stored);
    }

    [Fact]
    public async Task Every_row_is_sent_until_stored_and_an_invalid_row_never_twice()
    {
        // A mixed run: each request leaves its first row for retry and calls its row 'r-7' invalid.
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
        {
            var notStored = new Dictionary<int, RowResult>();
            if (request.Number % 3 == 0)
            {
                return ScriptedApi.AnswerErrorAsync(context, 429, ErrorTypes.Throttled, "slow down", retryAfter: "1");
            }
            if (request.Rows.Count > 1)
            {
                notStored[0] = Retry();
            }
            var invalidAt = request.Ids.ToList().IndexOf("r-7");
            if (invalidAt >= 0)
            {
                notStored[invalidAt] = Invalid("customer: required");
            }
            return api.AnswerRowsAsync(context, request, notStored.Count == 0 ? 200 : 207, notStored, retryAfterMs: 300);
        });

        var result = await harness.SendAsync(Rows.Numbered(50), harness.Options(o => o with { MaxRowsPerRequest = 8, Concurrency = 3 }));

        var sentR7 = harness.Api.Requests.Where(r => r.Number % 3 != 0).Sum(r => r.Ids.Count(id => id == "r-7"));
        Assert.Equal(1, sentR7);
        var storedIds = harness.Api.Stored.Select(r => r.GetProperty("id").GetString()!).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 50).Where(i => i != 7).Select(i => $"r-{i}").Order().ToList(), storedIds);
        Assert.Equal((49L, 1L, 0L), (result.Stored, result.Invalid, result.Unstored));
    }

    [Fact]
    public async Task Every_request_is_application_json()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) => api.StoreAllAsync(context, request));

        await harness.SendAsync(Rows.Numbered(3), harness.Options());

        Assert.Equal("application/json", Assert.Single(harness.Api.Requests).ContentType);
    }
}
