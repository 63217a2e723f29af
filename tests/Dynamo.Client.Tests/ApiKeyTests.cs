using System.Collections.Concurrent;
using System.Net;
using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

/// <summary>An API key (SendOptions.ApiKey) goes with every request; a used-up quota is a refusal, not a wait (docs/api-keys.md).</summary>
public class ApiKeyTests
{
    [Fact]
    public async Task The_key_travels_as_x_api_key_with_every_request_and_none_goes_without_one()
    {
        var keys = new ConcurrentQueue<string>();
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
        {
            keys.Enqueue(context.Request.Headers["x-api-key"].ToString());
            return api.StoreAllAsync(context, request);
        });

        await harness.SendAsync(Rows.Numbered(10), harness.Options(o => o with { ApiKey = "key-0123456789abcdefghij", MaxRowsPerRequest = 4 }));
        await harness.SendAsync(Rows.Numbered(2), harness.Options());

        Assert.Equal(["key-0123456789abcdefghij", "key-0123456789abcdefghij", "key-0123456789abcdefghij", ""], keys);
    }

    [Fact]
    public async Task A_used_up_quota_stops_the_send_with_its_message_and_is_not_resent()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            ScriptedApi.AnswerErrorAsync(context, 429, ErrorTypes.LimitExceeded, "Limit Exceeded: the quota is used up"));

        var error = await Assert.ThrowsAsync<DynamoApiException>(() => harness.SendAsync(Rows.Numbered(3), harness.Options()));

        Assert.Single(harness.Api.Requests);
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(ErrorTypes.LimitExceeded, error.ErrorType);
        Assert.Contains("Limit Exceeded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_key_is_a_refusal_that_says_to_send_a_valid_key()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            ScriptedApi.AnswerErrorAsync(context, 403, ErrorTypes.InvalidApiKey, "Forbidden: send a valid API key"));

        var error = await Assert.ThrowsAsync<DynamoApiException>(() => harness.SendAsync(Rows.Numbered(3), harness.Options()));

        Assert.Equal(ErrorTypes.InvalidApiKey, error.ErrorType);
        Assert.Contains("--api-key", error.Message, StringComparison.Ordinal);
    }
}
