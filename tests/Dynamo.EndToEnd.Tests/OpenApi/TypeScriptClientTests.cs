using System.Text.Json;
using Dynamo.EndToEnd.Tests.Capacity;

namespace Dynamo.EndToEnd.Tests.OpenApi;

/// <summary>
/// Another language reads the document: tests/typescript-client/send-orders.ts, typed by openapi-typescript from
/// docs/openapi.yaml as it is now and calling with openapi-fetch, posts orders to a stack too slow for them (the
/// deadline stack: 500 write units a second, an 8 s integration timeout), resends the retry rows after
/// retryAfterMs and reads every row's status with its type.
/// </summary>
[Collection(LocalStackTests.Name)]
public sealed class TypeScriptClientTests(DeadlineStackFixture stack) : IClassFixture<DeadlineStackFixture>
{
    [Fact]
    public async Task The_client_generated_from_the_document_stores_every_row_resending_the_retry_rows()
    {
        const int rows = 4999;   // and the one invalid row the script adds: one full request
        var prefix = "ts-" + Guid.NewGuid().ToString("N")[..8];
        await CommonSh.RunAsync("ensure_typescript_client && cd tests/typescript-client && npm run --silent generate >/dev/null && npm run --silent build");

        var output = await CommonSh.RunAsync($"cd tests/typescript-client && node dist/send-orders.js '{stack.Stack.Endpoints.Api}' '{prefix}' {rows}");

        var totals = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(rows, totals.GetProperty("stored").GetInt32());
        Assert.True(totals.GetProperty("resent").GetInt32() > 0, $"the stack never asked for a resend: {output}");
        Assert.True(totals.GetProperty("requests").GetInt32() >= 2, output);
        var invalid = Assert.Single(totals.GetProperty("invalid").EnumerateArray()).GetString();
        Assert.StartsWith($"{prefix}-bad: ", invalid, StringComparison.Ordinal);
        Assert.Contains("amount", invalid, StringComparison.Ordinal);
        using var store = stack.Stack.Store.CreateClient();
        Assert.Equal(rows, await StoredRows.CountAsync(store, "orders", "orderId", prefix + "-"));
    }
}
