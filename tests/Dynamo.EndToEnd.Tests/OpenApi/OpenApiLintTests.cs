namespace Dynamo.EndToEnd.Tests.OpenApi;

/// <summary>docs/openapi.yaml under Redocly CLI's strictest rules (tests/typescript-client/redocly.yaml).</summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task The_document_passes_the_linter()
    {
        var (code, output, error) = await CommonSh.TryRunAsync("ensure_typescript_client && cd tests/typescript-client && npm run --silent lint");

        Assert.True(code == 0, $"redocly lint docs/openapi.yaml failed:\n{output}\n{error}");
    }
}
