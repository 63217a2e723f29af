using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
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

    private static readonly JsonWriterOptions SerializerWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The rows as the Lambda response carries them: their JSON as Amazon.Lambda's serializer writes it
    /// (UnsafeRelaxedJsonEscaping), inside a JSON string as Amazon.Lambda.Annotations' HttpResults writes it (the
    /// default encoder). Its own two quotes are left out.
    /// </summary>
    private static int ResponseBytes(IReadOnlyList<RowResult> rows)
    {
        var reply = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(reply, SerializerWriter))
            JsonSerializer.Serialize(writer, rows, ContractsJsonContext.Default.IReadOnlyListRowResult);
        var response = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(response))
            writer.WriteStringValue(reply.WrittenSpan);
        return response.WrittenCount - 2;
    }

    /// <summary>One string as the response carries it, without the 12 bytes of its two quotes (\u0022 each).</summary>
    private static int ResponseBytes(string text)
    {
        var reply = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(reply, SerializerWriter))
            writer.WriteStringValue(text);
        var response = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(response))
            writer.WriteStringValue(reply.WrittenSpan);
        return response.WrittenCount - 2 - 12;
    }

    [Fact]
    public void A_reply_within_the_budget_is_listed_whole()
    {
        // Messages of 50 quotes: 416 bytes each in the response, none cut.
        var rows = Enumerable.Range(0, 50).Select(i => Invalid(i, 3, errorChars: 50)).ToList();

        var (fitted, truncated) = ReplyBudget.Fit(rows);

        Assert.False(truncated);
        Assert.Same(rows, fitted);
    }

    [Fact]
    public void Past_the_budget_every_row_keeps_its_status_and_first_error_and_the_reply_fits()
    {
        var rows = Enumerable.Range(0, 300).Select(i => Invalid(i, 10, errorChars: 20)).ToList();
        const int budget = 100 * 1024;
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
    public void Cjk_and_quotes_are_counted_as_the_default_encoder_of_the_official_envelope_writes_them()
    {
        // A quote inside a message takes 8 bytes in the response (\" in the reply, \\\u0022 around it) and a CJK
        // character 6 (\u6771): counted as an envelope that escapes little (4 and 3), the fitted rows would not fit.
        var rows = Enumerable.Range(0, 200).Select(i => new RowResult
        {
            Index = i,
            Status = RowStatus.Invalid,
            Errors = [.. Enumerable.Range(0, 6).Select(e => $"{e}: " + string.Concat(Enumerable.Repeat("東\"", 30)))],
        }).ToList();
        const int budget = 64 * 1024;
        Assert.True(ResponseBytes(rows) > 4 * budget);

        var (fitted, truncated) = ReplyBudget.Fit(rows, budget);

        Assert.True(truncated);
        Assert.InRange(ResponseBytes(fitted), budget / 2, budget);
    }

    [Fact]
    public void The_cut_never_counts_a_character_as_fewer_bytes_than_the_response_carries()
    {
        // Every UTF-16 unit alone (a lone surrogate among them), and a pair.
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var carried = ResponseBytes(((char)c).ToString());
            Assert.True(ReplyBudget.ResponseBytes((char)c) >= carried, $"U+{c:X4} takes {carried} bytes, counted {ReplyBudget.ResponseBytes((char)c)}");
        }
        Assert.Equal(ReplyBudget.PairBytes, ResponseBytes("😀"));
        Assert.Equal(8, ResponseBytes("\""));
        Assert.Equal(6, ResponseBytes("東"));
    }

    [Fact]
    public void A_long_message_is_cut_without_splitting_a_surrogate_pair_and_the_cut_is_flagged()
    {
        var message = "f: " + string.Concat(Enumerable.Repeat("😀", 1000));
        var row = new RowResult { Index = 0, Status = RowStatus.Invalid, Errors = [message] };

        var (fitted, truncated) = ReplyBudget.Fit([row]);

        Assert.True(truncated);
        var cut = Assert.Single(fitted[0].Errors!);
        Assert.True(ResponseBytes(cut) + 12 <= ReplyBudget.MaxErrorBytes, $"{ResponseBytes(cut) + 12} bytes");
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
