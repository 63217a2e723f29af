using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Json.Schema;

namespace Dynamo.Core.Tests.Fuzzing;

/// <summary>
/// What must hold for any body sent to a dataset: preparing it never throws (a bad body is a
/// <see cref="RequestError"/>); every row gets exactly one outcome; every accepted row passes the schema
/// (JsonSchema.Net, formats on, as the second opinion), has a unique key, and its item reads back as the
/// row with the hash of what is stored.
/// </summary>
internal static class RequestInvariants
{
    private const int MaxRowsCheckedAgainstJsonSchemaNet = 20;
    private static readonly DateTimeOffset IngestedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly EvaluationOptions FormatsOn = new() { RequireFormatValidation = true };
    private static readonly ConcurrentDictionary<Dataset, JsonSchema> Schemas = new();

    /// <summary>What the body came to, for the fuzzer's statistics.</summary>
    public readonly record struct Outcome(RequestErrorKind? Error, int Accepted, int Invalid, int Duplicate);

    public static Outcome Check(Dataset dataset, byte[] body)
    {
        using var prepared = RowPreparer.Prepare(dataset, body, "fuzz-request", IngestedAt);
        if (prepared.Error is { } error)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Message), "a request error says what to fix");
            Assert.Empty(prepared.Rows);
            return new Outcome(error.Kind, 0, 0, 0);
        }

        using var parsed = RequestBody.Parse(body, out var parseError);
        Assert.Null(parseError);
        Assert.Equal(parsed!.Rows.Count, prepared.Rows.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var (accepted, invalid, duplicate) = (0, 0, 0);
        for (var i = 0; i < prepared.Rows.Count; i++)
        {
            var row = prepared.Rows[i];
            Assert.Equal(i, row.Index);
            // The answer lists the key of every row that is not stored.
            _ = row.Key;
            switch (row.Status)
            {
                case null:
                    Assert.NotNull(row.Item);
                    // The second opinion is the slow part: enough rows of a big body to see a pattern.
                    if (accepted < MaxRowsCheckedAgainstJsonSchemaNet) CheckAccepted(dataset, parsed.Rows[i], row.Item.Attributes);
                    Assert.True(keys.Add(KeyOf(dataset, row.Item.Attributes)), $"row {i}: a second accepted row with the key {KeyOf(dataset, row.Item.Attributes)}");
                    accepted++;
                    break;
                case Contracts.RowStatus.Invalid:
                    Assert.Null(row.Item);
                    Assert.NotEmpty(row.Errors!);
                    invalid++;
                    break;
                case Contracts.RowStatus.Duplicate:
                    Assert.Null(row.Item);
                    duplicate++;
                    break;
                default:
                    Assert.Fail($"row {i}: preparing answers {row.Status}");
                    break;
            }
        }
        return new Outcome(null, accepted, invalid, duplicate);
    }

    private static void CheckAccepted(Dataset dataset, JsonElement row, IReadOnlyDictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item)
    {
        var schema = Schemas.GetOrAdd(dataset, d => JsonSchema.FromText(d.Schema.GetRawText()));
        Assert.True(schema.Evaluate(row, FormatsOn).IsValid, $"accepted, yet JsonSchema.Net finds it invalid: {row.GetRawText()}");

        // The item is the row, date-time keys replaced by their stored (UTC) form, and _h is the hash of that.
        var stored = ItemJson.ToRow(item);
        var replaced = dataset.KeyFields.Where(k => k.IsDateTime && item[k.Name].S != row.GetProperty(k.Name).GetString())
            .Select(k => new KeyValuePair<string, string>(k.Name, item[k.Name].S)).ToArray();
        var expected = new ArrayBufferWriter<byte>();
        CanonicalJson.Write(row, expected, replaced);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.WrittenSpan), CanonicalJson.Serialize(stored));
        Assert.True(RowHash.Matches(RowHash.Stored(item), CanonicalJson.Hash(stored)));
    }

    private static string KeyOf(Dataset dataset, IReadOnlyDictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) =>
        string.Join("\u0001", dataset.KeyFields.Select(k => item[k.Name].S ?? "N:" + item[k.Name].N));
}
