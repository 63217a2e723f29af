using System.Text;
using System.Text.Json;
using Dynamo.Contracts;
using Dynamo.Core.Ingesting;

namespace Dynamo.Core.Tests.Ingesting;

public sealed class ReplyBudgetTests
{
    private static RowResult Invalid(int index, int errors, int errorChars = 100) => new()
    {
        Index = index,
        Key = new Dictionary<string, JsonElement> { ["orderId"] = JsonSerializer.SerializeToElement($"A-\"{index}\"", ContractsJsonContext.Default.String) },
        Status = RowStatus.Invalid,
        Errors = [.. Enumerable.Range(0, errors).Select(e => $"f{e}: " + new string('"', errorChars))],
    };

    /// <summary>The rows as the Lambda response carries them: their JSON inside a JSON string.</summary>
    private static int ResponseBytes(IReadOnlyList<RowResult> rows)
    {
        var json = MinimalJsonEscaping.Serialize(rows, ContractsJsonContext.Default.IReadOnlyListRowResult);
        return Encoding.UTF8.GetByteCount(MinimalJsonEscaping.Serialize(json, ContractsJsonContext.Default.String));
    }

    [Fact]
    public void A_reply_within_the_budget_is_listed_whole()
    {
        var rows = Enumerable.Range(0, 50).Select(i => Invalid(i, 3)).ToList();

        var (fitted, truncated) = ReplyBudget.Fit(rows);

        Assert.False(truncated);
        Assert.Same(rows, fitted);
    }

    [Fact]
    public void Past_the_budget_every_row_keeps_its_status_and_first_error_and_the_reply_fits()
    {
        var rows = Enumerable.Range(0, 300).Select(i => Invalid(i, 10, errorChars: 20)).ToList();
        const int budget = 64 * 1024;
        Assert.True(ResponseBytes(rows) > 4 * budget);

        var (fitted, truncated) = ReplyBudget.Fit(rows, budget);

        Assert.True(truncated);
        Assert.Equal(rows.Select(r => (r.Index, r.Status)), fitted.Select(r => (r.Index, r.Status)));
        Assert.All(fitted, row => Assert.Equal(rows[row.Index].Errors![0], row.Errors![0]));
        // Fewer errors for every row, not none for the last ones: the counts differ by one at most.
        Assert.True(fitted.Max(r => r.Errors!.Count) - fitted.Min(r => r.Errors!.Count) <= 1);
        Assert.InRange(ResponseBytes(fitted), budget / 2, budget);
    }

    [Fact]
    public void The_budget_counts_what_the_lambda_response_escapes_once_more()
    {
        // Quotes cost 2 bytes in the reply and 4 in the response: measured on the reply alone, this would fit.
        var rows = Enumerable.Range(0, 20).Select(i => Invalid(i, 10, errorChars: 200)).ToList();
        var budget = ResponseBytes(rows) * 3 / 4;

        var (fitted, truncated) = ReplyBudget.Fit(rows, budget);

        Assert.True(truncated);
        Assert.True(ResponseBytes(fitted) <= budget);
    }

    [Fact]
    public void A_long_message_is_cut_without_splitting_a_surrogate_pair_and_the_cut_is_flagged()
    {
        var message = "f: " + string.Concat(Enumerable.Repeat("😀", 1000));
        var row = new RowResult { Index = 0, Status = RowStatus.Invalid, Errors = [message] };

        var (fitted, truncated) = ReplyBudget.Fit([row]);

        Assert.True(truncated);
        var cut = Assert.Single(fitted[0].Errors!);
        Assert.True(Encoding.UTF8.GetByteCount(cut) <= ReplyBudget.MaxErrorBytes);
        Assert.EndsWith("😀…", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_the_budget_keys_are_left_out_and_every_status_stays()
    {
        var rows = Enumerable.Range(0, 300).Select(i => new RowResult
        {
            Index = i,
            Key = new Dictionary<string, JsonElement> { ["orderId"] = JsonSerializer.SerializeToElement(new string('k', 1000), ContractsJsonContext.Default.String) },
            Status = RowStatus.Retry,
            Reason = RetryReasons.Throttled,
        }).ToList();

        var (fitted, truncated) = ReplyBudget.Fit(rows, 64 * 1024);

        Assert.True(truncated);
        Assert.All(fitted, row => Assert.Equal(RetryReasons.Throttled, row.Reason));
        Assert.Contains(fitted, row => row.Key is null);
        Assert.Contains(fitted, row => row.Key is not null);
    }
}
