using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Properties;

/// <summary>
/// Any valid row, however spelled, becomes an item that reads back (<see cref="ItemJson"/>) as the row
/// itself, date-time keys in UTC; its <c>_h</c> is the first 16 bytes of the SHA-256 of that row's canonical JSON, base64url.
/// </summary>
public sealed class RowRoundTripProperties
{
    private static void AssertRoundTrip(Dataset dataset, JObject row, JObject stored, int seed)
    {
        var spelled = row.Spell(new Random(seed));
        using var request = Prepare(dataset, RawBody(spelled));
        Assert.Null(request.Error);
        var prepared = Assert.Single(request.Rows);
        Assert.True(prepared.Item is not null, $"{spelled} was refused: {string.Join("; ", prepared.Errors ?? [])}");

        var expected = stored.Canonical();
        Assert.Equal(expected, CanonicalJson.Serialize(ItemJson.ToRow(prepared.Item.Attributes)));
        Assert.Equal(
            Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(expected))[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            prepared.Item.Attributes["_h"].S);
    }

    [Fact]
    public void Any_valid_order_reads_back_from_its_item_unchanged() =>
        Gen.Select(RowGen.Orders, JsonGen.SpellingSeed).Sample((row, seed) => AssertRoundTrip(Orders, row.Row, row.Stored, seed),
            iter: PropertyRuns.Iterations(300));

    [Fact]
    public void Any_valid_reading_reads_back_from_its_item_unchanged_with_ts_in_utc() =>
        Gen.Select(RowGen.Readings, JsonGen.SpellingSeed).Sample((row, seed) => AssertRoundTrip(Readings, row.Row, row.Stored, seed),
            iter: PropertyRuns.Iterations(300));
}
