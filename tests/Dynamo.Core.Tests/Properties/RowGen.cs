using System.Globalization;
using System.Numerics;
using CsCheck;

namespace Dynamo.Core.Tests.Properties;

/// <summary>
/// Valid rows of the two example datasets as models, with extra fields of every JSON type, and the row as
/// it must be stored (date-time keys in UTC). Instants carry their expected UTC form, computed by .NET.
/// </summary>
internal static class RowGen
{
    /// <summary>An RFC 3339 date-time in some offset, and the same instant as Dynamo stores a key: UTC, "Z", no redundant fraction digits.</summary>
    public sealed record Instant(string Text, string Utc, DateTime UtcValue);

    private static readonly Gen<int> Offsets = Gen.OneOf(Gen.Const(0), Gen.Int[-23 * 60 - 59, 23 * 60 + 59], Gen.OneOf(60, -480, 330, -30));

    public static readonly Gen<Instant> Instants = Gen.Select(
        Gen.OneOf(Gen.Int[2, 9998], Gen.Int[1990, 2030]), Gen.Int[1, 12], Gen.Int[1, 31], Gen.Int[0, 86_399],
        Gen.OneOf(Gen.Const(""), Gen.Char['0', '9'].Array[1, 7].Select(d => new string(d))),
        Offsets, Gen.Int[0, 3],
        (year, month, day, second, fraction, offset, style) =>
        {
            day = Math.Min(day, DateTime.DaysInMonth(year, month));
            var local = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).AddSeconds(second);
            var zone = offset == 0 && style < 2
                ? (style == 0 ? "Z" : "z")
                : $"{(offset < 0 ? '-' : '+')}{Math.Abs(offset) / 60:D2}:{Math.Abs(offset) % 60:D2}";
            var separator = style == 3 ? 't' : 'T';
            var text = local.ToString($"yyyy'-'MM'-'dd'{separator}'HH':'mm':'ss", CultureInfo.InvariantCulture)
                + (fraction.Length > 0 ? "." + fraction : "") + zone;
            var ticks = fraction.Length > 0 ? long.Parse(fraction.PadRight(7, '0'), CultureInfo.InvariantCulture) : 0;
            var utc = local.AddMinutes(-offset).AddTicks(ticks);
            return new Instant(text, utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z", utc);
        });

    private static readonly Gen<JNumber> NonNegative = JsonGen.StorableNumber.Select(n => new JNumber(false, n.Unscaled, n.Scale));
    private static readonly Gen<JNumber> Percent = Gen.Select(Gen.Int[0, 100_000], Gen.Int[0, 3])
        .Where((u, s) => u <= 100 * (int)Math.Pow(10, s))
        .Select((u, s) => new JNumber(false, u, s));

    /// <summary>Extra fields: any name the row may use (not empty, not starting with '_', not a declared field).</summary>
    private static Gen<JObject> Extras(params string[] declared) => JsonGen.Object(
        JsonGen.FieldName.Where(n => !n.StartsWith('_') && !declared.Contains(n)), JsonGen.Value(3), 0, 4);

    /// <summary>A valid order and the order as stored (orders have no date-time key: it is stored as sent).</summary>
    public static readonly Gen<(JObject Row, JObject Stored)> Orders = Gen.Select(
        JsonGen.Text(1, 20), JsonGen.Text(0, 10), NonNegative,
        Gen.OneOf(Gen.Const((string?)null), Gen.OneOf("EUR", "USD", "JPY").Select(c => (string?)c)),
        Gen.OneOf("new", "paid", "shipped", "cancelled"), Instants,
        Extras("orderId", "customer", "amount", "currency", "status", "createdAt"),
        (orderId, customer, amount, currency, status, createdAt, extras) =>
        {
            var row = extras
                .With("orderId", new JString(orderId)).With("customer", new JString(customer)).With("amount", amount)
                .With("status", new JString(status)).With("createdAt", new JString(createdAt.Text));
            if (currency is not null) row = row.With("currency", new JString(currency));
            return (row, row);
        });

    /// <summary>A valid reading and the reading as stored: ts in UTC.</summary>
    public static readonly Gen<(JObject Row, JObject Stored)> Readings = Gen.Select(
        JsonGen.Text(1, 12), Instants,
        Gen.OneOf(Gen.Const((JNumber?)null), JsonGen.StorableNumber.Select(n => (JNumber?)n)),
        Gen.OneOf(Gen.Const((JNumber?)null), Percent.Select(n => (JNumber?)n)),
        Gen.OneOf(Gen.Const((JNumber?)null), Percent.Select(n => (JNumber?)n)),
        Extras("deviceId", "ts", "temperature", "humidity", "battery"),
        (deviceId, ts, temperature, humidity, battery, extras) =>
        {
            var row = extras.With("deviceId", new JString(deviceId)).With("ts", new JString(ts.Text));
            if (temperature is not null) row = row.With("temperature", temperature);
            if (humidity is not null) row = row.With("humidity", humidity);
            if (battery is not null) row = row.With("battery", battery);
            return (row, row.With("ts", new JString(ts.Utc)));
        });
}
