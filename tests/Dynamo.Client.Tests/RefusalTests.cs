using System.Net;
using Dynamo.Client.Tests.Scripting;
using Dynamo.Contracts;

namespace Dynamo.Client.Tests;

public class RefusalTests
{
    [Theory]
    [InlineData(400, ErrorTypes.Validation)]
    [InlineData(401, ErrorTypes.Unauthorized)]
    [InlineData(403, ErrorTypes.AccessDenied)]
    [InlineData(404, ErrorTypes.NotFound)]
    [InlineData(415, ErrorTypes.UnsupportedMediaType)]
    public async Task A_client_error_stops_the_send_with_the_APIs_message_and_is_never_retried(int status, string type)
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            ScriptedApi.AnswerErrorAsync(context, status, type, "told by the API"));

        var error = await Assert.ThrowsAsync<DynamoApiException>(() =>
            harness.SendAsync(Rows.Numbered(3), harness.Options()));

        Assert.Single(harness.Api.Requests);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(type, error.ErrorType);
        Assert.Contains("told by the API", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_error_with_a_body_that_is_not_JSON_is_a_clear_error()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            ScriptedApi.AnswerTextAsync(context, 403, "<html>Forbidden by proxy</html>"));

        var error = await Assert.ThrowsAsync<DynamoApiException>(() =>
            harness.SendAsync(Rows.Numbered(3), harness.Options()));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("HTTP 403", error.Message, StringComparison.Ordinal);
        Assert.Contains("Forbidden by proxy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_status_whose_body_is_not_an_ingest_response_is_a_clear_error()
    {
        await using var harness = await ClientHarness.StartAsync((api, request, context) =>
            ScriptedApi.AnswerTextAsync(context, 200, "OK"));

        var error = await Assert.ThrowsAsync<DynamoApiException>(() =>
            harness.SendAsync(Rows.Numbered(3), harness.Options()));

        Assert.Contains("not an ingest response", error.Message, StringComparison.Ordinal);
        Assert.Single(harness.Api.Requests);
    }
}
