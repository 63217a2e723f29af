using System.Text.RegularExpressions;
using Dynamo.Cli.Commands;

namespace Dynamo.EndToEnd.Tests.ApiKeys;

/// <summary>`dynamo send --api-key` and `dynamo load` with one client per key, against the stack of <see cref="ApiKeysFixture"/>.</summary>
[Collection(ApiKeysClients.Name)]
public sealed partial class ApiKeysCliTests(ApiKeysFixture stack) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dynamo-api-keys-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Send_stores_every_row_with_a_key_and_stops_with_the_403s_message_without_one()
    {
        var prefix = "keysend-" + Guid.NewGuid().ToString("N")[..8];
        var file = SendFiles.OrdersCsv(folder, prefix, 40);

        var refused = await SendFiles.SendAsync(stack.Stack.Endpoints.Api, file, "--batch", "10", "--restart");
        var sent = await SendFiles.SendAsync(stack.Stack.Endpoints.Api, file, "--batch", "10", "--restart", "--api-key", stack.Key("PartnerApiKey").Value);

        Assert.Equal(ExitCodes.Failure, refused.Code);
        Assert.Contains("InvalidApiKeyException", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--api-key", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, sent.Code);
        Assert.Equal(40, (await SendFiles.StoredAsync(stack.Stack, prefix)).Count);
    }

    [Fact]
    public async Task Load_with_two_keys_runs_a_client_per_key_and_reports_each_ones_429s_by_limit()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var endpoints = stack.Stack.Endpoints;

        // 12 requests a second each: over the default plan's 5, under the partner's 20.
        var code = await CommandLineRunner.RunAsync(RootCommandFactory.Create(),
        [
            "load", "--dataset", "orders", "--rate", "12", "--duration", "3s", "--rows", "1", "--drain", "30s",
            "--url", endpoints.Api.ToString(), "--endpoint", endpoints.DynamoDb.ToString(), "--report", Path.Combine(folder, "report"),
            "--api-key", stack.Key("DefaultApiKey").Value, "--api-key", stack.Key("PartnerApiKey").Value, "--cleanup",
        ], output, error);

        var text = output.ToString();
        // Success, or rows left undelivered when a machine this busy answered 503s past the drain: not a usage error.
        Assert.True(code is ExitCodes.Success or ExitCodes.Failure, $"dynamo load exited {code}:\n{text}\n{error}");
        var lines = ClientLine().Matches(text).Select(match => (Admitted: long.Parse(match.Groups["admitted"].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture),
            PlanRate: long.Parse(match.Groups["plan"].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture),
            Stage: match.Groups["stage"].Value)).ToList();
        Assert.Contains("Clients (2, each offered --rate on its own key):", text, StringComparison.Ordinal);
        Assert.Equal(2, lines.Count);
        Assert.True(lines[0].PlanRate > 0, $"the default key (5 rps) was never throttled by its plan:\n{text}");
        Assert.Equal(0, lines[1].PlanRate);
        Assert.All(lines, line => Assert.Equal("0", line.Stage));
        Assert.True(File.Exists(Path.Combine(folder, "report", "client-1", "report.json")));
        Assert.True(File.Exists(Path.Combine(folder, "report", "client-2", "report.json")));
    }

    [GeneratedRegex(@"^  \S+: offered [\d,]+, admitted (?<admitted>[\d,]+), 429 by plan rate (?<plan>[\d,]+), by quota [\d,]+, by stage (?<stage>[\d,]+)", RegexOptions.Multiline)]
    private static partial Regex ClientLine();
}
