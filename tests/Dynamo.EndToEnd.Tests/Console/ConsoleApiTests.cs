using System.Net;
using System.Text;
using System.Text.Json;

namespace Dynamo.EndToEnd.Tests.Console;

/// <summary>
/// The console's own port and its JSON: nothing of it on the API's port, and every request it cannot serve (a bad
/// filter, a body that is not a SELECT, a path out of the reports folder, a foreign Host) answered with a 4xx and a
/// message, never a 500.
/// </summary>
[Collection(ConsoleStackTests.Name)]
public sealed class ConsoleApiTests(ConsoleStackFixture fixture)
{
    [Fact]
    public async Task The_api_port_knows_no_console_path_and_the_console_port_serves_the_page_and_its_metrics()
    {
        using (var onApi = await fixture.Http.GetAsync(new Uri(fixture.Stack.Gateway.Endpoint, "/_console/api/metrics")))
        {
            Assert.Equal(HttpStatusCode.NotFound, onApi.StatusCode);
            // API Gateway's own answer to a path no route matches, not the console.
            Assert.Equal("MissingAuthenticationTokenException", onApi.Headers.GetValues("x-amzn-ErrorType").Single());
        }
        Assert.NotEqual(fixture.Stack.Gateway.Endpoint.Port, fixture.Console.Port);

        using var page = await fixture.Http.GetAsync(fixture.Console);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Dynamo local console", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var metrics = JsonDocument.Parse(await fixture.Http.GetStringAsync(new Uri(fixture.Console, "api/metrics")));
        Assert.Equal(fixture.Stack.Template.StageName, metrics.RootElement.GetProperty("stages")[0].GetProperty("name").GetString());
        Assert.Contains(metrics.RootElement.GetProperty("functions").EnumerateArray(), f => f.GetProperty("name").GetString() == "IngestFunction");
    }

    [Theory]
    [InlineData("GET", "api/logs?status=6xx", null, null, 400, "status")]
    [InlineData("GET", "api/logs?after=-1", null, null, 400, "after")]
    [InlineData("POST", "api/query", "text/plain", "SELECT * FROM orders", 415, "application/json")]
    [InlineData("POST", "api/query", "application/json", "{not json", 400, "not the JSON")]
    [InlineData("POST", "api/query", "application/json", """{"statement":"DELETE FROM \"orders\""}""", 400, "SELECT")]
    [InlineData("POST", "api/query", "application/json", """{"statement":"SELECT * FROM \"no-such-table\""}""", 400, "No table named 'no-such-table'")]
    [InlineData("POST", "api/query", "application/json", """{"statement":"SELECT * FROM \"orders\" WHERE orderId = ?"}""", 400, "parameters")]
    [InlineData("GET", "api/query", null, null, 405, "POST")]
    [InlineData("GET", "reports/..%2F..%2Fetc%2Fpasswd", null, null, 404, "No report.html")]
    [InlineData("GET", "reports/load-report/secret.txt", null, null, 404, "No report.html")]
    [InlineData("GET", "nothing-here", null, null, 404, "Nothing at")]
    public async Task A_request_the_console_cannot_serve_gets_a_4xx_with_a_message(string method, string path, string? contentType, string? body, int status, string message)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fixture.Console, path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType!);

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, problem.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_naming_another_host_is_refused_so_a_page_elsewhere_cannot_read_the_console()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Console, "api/metrics"));
        request.Headers.Host = "attacker.example";

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
