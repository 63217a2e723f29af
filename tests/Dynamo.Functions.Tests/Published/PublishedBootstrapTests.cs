using System.Text;
using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Lambda.Events;
using Dynamo.Local.Store;
using Dynamo.Local.Workers;
using Dynamo.Testing;

namespace Dynamo.Functions.Tests.Published;

/// <summary>The Native AOT bootstrap of artifacts/functions.zip answering real-shaped events through a runtime API on loopback.</summary>
public sealed class PublishedBootstrapTests(DynamoDbLocalFixture store) : IClassFixture<DynamoDbLocalFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RuntimeApiServer _server = null!;

    public async Task InitializeAsync() => _server = await RuntimeApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<InvocationResult> Invoke(byte[] payload) =>
        await _server.InvokeAsync(payload, DateTimeOffset.UtcNow.AddSeconds(20)).WaitAsync(Patience);

    private static byte[] HealthEvent()
    {
        var node = EventFixtures.Node(EventFixtures.RestProxy);
        node["resource"] = "/health";
        node["path"] = "/health";
        node["httpMethod"] = "GET";
        node["body"] = null;
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    [PublishedFact]
    public void The_zip_holds_an_executable_bootstrap_at_its_root()
    {
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(PublishedBootstrap.Executable!);

        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"bootstrap is {mode}");
    }

    [PublishedFact]
    public async Task The_authorizer_allows_denies_and_refuses_by_source_address()
    {
        await using var function = PublishedBootstrap.Start(_server, "authorizer",
            new Dictionary<string, string?> { ["ALLOWED_CIDRS"] = "203.0.113.0/24, 2001:db8::/32" });

        var allowed = await Invoke(EventFixtures.AuthorizerEvent("::ffff:203.0.113.10"));
        var spoofed = await Invoke(EventFixtures.AuthorizerEvent("198.51.100.1", new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.10" }));
        var anonymous = await Invoke(EventFixtures.AuthorizerEvent(null));

        var allow = JsonSerializer.Deserialize(allowed.Response.Span, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse)!;
        Assert.Equal("Allow", allow.PolicyDocument.Statement[0].Effect);
        Assert.Equal(["arn:aws:execute-api:us-east-1:123456789012:abcdef1234/dev/*/*"], allow.PolicyDocument.Statement[0].Resource);
        var deny = JsonSerializer.Deserialize(spoofed.Response.Span, APIGatewayJsonContext.Default.APIGatewayCustomAuthorizerResponse)!;
        Assert.Equal("Deny", deny.PolicyDocument.Statement[0].Effect);
        Assert.Equal("Unauthorized", anonymous.Error?.ErrorMessage);
    }

    [PublishedFact]
    public async Task Health_answers_200_when_DynamoDB_answers_and_503_when_it_does_not()
    {
        await using var up = PublishedBootstrap.Start(_server, "health",
            new Dictionary<string, string?> { ["DYNAMODB_ENDPOINT"] = store.Endpoint.ToString() });
        var ok = await Invoke(HealthEvent());
        await up.DisposeAsync();

        await using var down = PublishedBootstrap.Start(_server, "health",
            new Dictionary<string, string?> { ["DYNAMODB_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}" });
        var unavailable = await Invoke(HealthEvent());

        var okResponse = JsonSerializer.Deserialize(ok.Response.Span, APIGatewayJsonContext.Default.APIGatewayProxyResponse)!;
        Assert.Equal(200, okResponse.StatusCode);
        Assert.Equal("""{"status":"ok","store":"reachable"}""", okResponse.Body);
        var downResponse = JsonSerializer.Deserialize(unavailable.Response.Span, APIGatewayJsonContext.Default.APIGatewayProxyResponse)!;
        Assert.Equal(503, downResponse.StatusCode);
        Assert.Equal(ErrorTypes.ServiceUnavailable, JsonSerializer.Deserialize(downResponse.Body!, ContractsJsonContext.Default.ErrorResponse)!.Type);
    }

    [PublishedFact]
    public async Task An_unknown_handler_is_an_init_error_and_the_process_exits()
    {
        await using var function = PublishedBootstrap.Start(_server, "no-such-function");

        var error = await _server.InitError.WaitAsync(Patience);
        await function.WaitForExitAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal("Runtime.NoSuchHandler", error.Category);
        Assert.Contains("'no-such-function'", error.ErrorMessage);
        Assert.Equal(1, function.ExitCode);
    }
}
