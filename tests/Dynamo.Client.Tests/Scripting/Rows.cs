using System.Text.Json;

namespace Dynamo.Client.Tests.Scripting;

/// <summary>Test inputs: rows <c>{"id": "r-0", "v": 1}</c>, ... as an async stream that counts how far it was read.</summary>
public sealed class Rows(IReadOnlyList<string> json) : IAsyncEnumerable<JsonElement>
{
    private int pulled;

    /// <summary>How many rows the consumer has taken so far.</summary>
    public int Pulled => Volatile.Read(ref pulled);

    public static Rows Numbered(int count, int padding = 0) =>
        new([.. Enumerable.Range(0, count).Select(i => Row($"r-{i}", 1, padding))]);

    public static Rows Of(params string[] json) => new(json);

    public static string Row(string id, int version, int padding = 0) =>
        padding == 0
            ? $$"""{"id":"{{id}}","v":{{version}}}"""
            : $$"""{"id":"{{id}}","v":{{version}},"pad":"{{new string('x', padding)}}"}""";

    public async IAsyncEnumerator<JsonElement> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        foreach (var row in json)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref pulled);
            using var document = JsonDocument.Parse(row);
            yield return document.RootElement.Clone();
        }
    }
}
