using System.Globalization;
using CsCheck;
using Dynamo.Contracts;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Properties;

/// <summary>
/// docs/datasets.md, Idempotency: among the valid rows of one request with the same key the last one wins and the
/// earlier ones are duplicates; an invalid row never displaces a valid one. Keys are drawn from a small
/// pool and the same instant is spelled in different offsets, so one key comes in many spellings.
/// </summary>
public sealed class DuplicateKeyProperties
{
    private static readonly DateTime[] Instants =
    [
        new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(500),
        new(2026, 6, 30, 23, 30, 0, DateTimeKind.Utc),
    ];

    private static readonly string[] Devices = ["d-1", "d-2", "d-3"];

    /// <summary>One row: which device and instant (its key), the offset and fraction padding of its ts, and how it is broken (0: not at all).</summary>
    private sealed record Entry(int Device, int Instant, int OffsetMinutes, int Padding, int Breakage)
    {
        public bool Valid => Breakage == 0;

        public string Json()
        {
            var local = Instants[Instant].AddMinutes(OffsetMinutes);
            var fraction = local.ToString(".FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.') is var f && f.Length > 0 ? f : (Padding > 0 ? "." : "");
            fraction += new string('0', Padding);
            var zone = OffsetMinutes == 0 ? "Z" : $"{(OffsetMinutes < 0 ? '-' : '+')}{Math.Abs(OffsetMinutes) / 60:D2}:{Math.Abs(OffsetMinutes) % 60:D2}";
            var ts = local.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + fraction + zone;
            return Breakage switch
            {
                0 => $$"""{"deviceId":"{{Devices[Device]}}","ts":"{{ts}}","humidity":{{Device * 10}}}""",
                1 => $$"""{"deviceId":"{{Devices[Device]}}","ts":"{{ts}}","humidity":101}""",
                2 => $$"""{"deviceId":"{{Devices[Device]}}","ts":"{{ts}}","_note":1}""",
                3 => $$"""{"deviceId":"{{Devices[Device]}}","ts":"{{ts[..^1]}}"}""",
                _ => $$"""{"ts":"{{ts}}"}""",
            };
        }
    }

    private static readonly Gen<Entry> Entries = Gen.Select(
        Gen.Int[0, 2], Gen.Int[0, 2], Gen.OneOf(Gen.Const(0), Gen.OneOf(60, -480, 330, -59, 23 * 60 + 59)), Gen.Int[0, 2],
        Gen.Frequency((6, Gen.Const(0)), (1, Gen.Int[1, 4])),
        (device, instant, offset, padding, breakage) => new Entry(device, instant, offset, padding, breakage));

    [Fact]
    public void A_request_keeps_exactly_the_last_valid_row_of_each_key() =>
        Entries.Array[1, 40].Sample(entries =>
        {
            var lastValid = new Dictionary<(int, int), int>();
            for (var i = 0; i < entries.Length; i++)
                if (entries[i].Valid) lastValid[(entries[i].Device, entries[i].Instant)] = i;

            using var request = Prepare(Readings, RawBody([.. entries.Select(e => e.Json())]));
            Assert.Null(request.Error);
            Assert.Equal(entries.Length, request.Rows.Count);
            for (var i = 0; i < entries.Length; i++)
            {
                var row = request.Rows[i];
                Assert.Equal(i, row.Index);
                if (!entries[i].Valid) Assert.Equal((RowStatus?)RowStatus.Invalid, row.Status);
                else if (lastValid[(entries[i].Device, entries[i].Instant)] == i) Assert.True(row.Status is null && row.Item is not null, $"row {i} should be written");
                else Assert.True(row.Status == RowStatus.Duplicate && row.Item is null, $"row {i} should be a duplicate");
            }
            Assert.Equal(lastValid.Count, request.ItemsToWrite.Count());
        }, iter: PropertyRuns.Iterations(300));
}
