using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using CsCheck;
using Dynamo.Core.Datasets;
using Dynamo.Core.Rows;
using Json.Schema;
using static Dynamo.Core.Tests.Rows.Requests;

namespace Dynamo.Core.Tests.Datasets;

/// <summary>
/// The compiled validator must agree with JsonSchema.Net (format validation on) on generated rows, valid
/// and invalid, for both datasets. Generators leave out the few places where JsonSchema.Net 8.0.5 departs
/// from the specifications; <see cref="Where_we_depart_from_JsonSchema_Net_we_follow_the_specification"/> pins those.
/// </summary>
public sealed class CompiledSchemaMatchesJsonSchemaNetTests
{
    private static readonly EvaluationOptions FormatsOn = new() { RequireFormatValidation = true };
    private static readonly ConcurrentDictionary<Dataset, JsonSchema> Schemas = new();

    private static bool OursSaysValid(Dataset dataset, string row)
    {
        using var document = JsonDocument.Parse(row);
        var errors = new List<string>();
        dataset.Validator.Validate(document.RootElement, FieldPath.Row, errors);
        return errors.Count == 0;
    }

    private static bool JsonSchemaNetSaysValid(Dataset dataset, string row)
    {
        using var document = JsonDocument.Parse(row);
        var schema = Schemas.GetOrAdd(dataset, d => JsonSchema.FromText(d.Schema.GetRawText()));
        return schema.Evaluate(document.RootElement, FormatsOn).IsValid;
    }

    private static void AssertAgree(Dataset dataset, string row) =>
        Assert.True(OursSaysValid(dataset, row) == JsonSchemaNetSaysValid(dataset, row),
            $"Disagreement on {row}: ours {OursSaysValid(dataset, row)}, JsonSchema.Net {JsonSchemaNetSaysValid(dataset, row)}");

    // Strings built from code points of 1 to 4 UTF-8 bytes; no combining marks (JsonSchema.Net counts graphemes).
    private static Gen<string> Text(int min, int max) =>
        Gen.OneOf("a", "Z", "0", "-", " ", "é", "中", "😀", "\"", "\\", "\n").Array[min, max].Select(parts => string.Concat(parts));

    private static string Json(string text) => JsonSerializer.Serialize(text);

    private static readonly Gen<string> WrongType = Gen.OneOf("null", "true", "false", "{}", "[]", "[1]", "{\"a\":1}", "17", "\"17\"");

    private static readonly Gen<string> Numbers = Gen.OneOf(
        Gen.Int[-1000, 1000].Select(i => i.ToString()),
        Gen.Int[-100000, 100000].Select(i => (i / 100m).ToString()),
        Gen.OneOf("0", "-0", "0.0", "-0.0", "1e2", "1E+2", "1.00e2", "100", "100.0", "100.0000000001", "99.9999999999",
            "-0.0001", "-1e-400", "1e400", "0.1e1", "12345678901234567890.123", "5e-324", "-5e-324", "1e-5", "-1e-5"));

    private static readonly Gen<string> Digits2 = Gen.Int[0, 61].Select(i => i.ToString("D2"));

    private static readonly Gen<string> DateTimes = Gen.OneOf(
        // Mostly well-formed, with every field allowed to step just out of range.
        Gen.Select(Gen.Int[1, 9999], Gen.Int[0, 13], Gen.Int[0, 32], Gen.Int[0, 24], Digits2,
            Gen.OneOf("00", "59", "60", "61", "30"),
            Gen.OneOf("", ".5", ".000", ".123456789012", "."),
            Gen.OneOf("Z", "z", "+00:00", "-00:00", "+01:00", "-08:00", "+23:59", "+24:00", "+05:60", "", "+0100"),
            (y, mo, d, h, mi, s, f, o) => $"{y:D4}-{mo:D2}-{d:D2}{(y % 7 == 0 ? 't' : 'T')}{h:D2}:{mi}:{s}{f}{o}"),
        Gen.OneOf("2016-12-31T23:59:60Z", "2016-12-31T15:59:60-08:00", "2016-12-31T23:59:60+01:00",
            "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2026-01-01", "12:00:00Z", "", "2026-1-01T00:00:00Z"));

    private static readonly Gen<string> ValidDateTimes =
        Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 28], Gen.Int[0, 23], Gen.Int[0, 59], Gen.Int[0, 59],
            Gen.OneOf("", ".5", ".000", ".123456789012"), Gen.OneOf("Z", "z", "+00:00", "-00:00", "+01:00", "-08:00", "+23:59"),
            (y, mo, d, h, mi, s, f, o) => $"{y:D4}-{mo:D2}-{d:D2}T{h:D2}:{mi:D2}:{s:D2}{f}{o}");

    /// <summary>A row as raw JSON: each field mostly valid, sometimes missing, invalid for its schema, or of a wrong type.</summary>
    private static Gen<string> Row(params (string Name, Gen<string> Valid, Gen<string> Invalid)[] fields)
    {
        var row = Gen.Const(ImmutableList<string>.Empty);
        foreach (var (name, valid, invalid) in fields)
        {
            var field = Gen.Frequency(
                (1, Gen.Const((string?)null)),
                (1, invalid.Select(v => (string?)v)),
                (1, WrongType.Select(v => (string?)v)),
                (17, valid.Select(v => (string?)v)));
            row = Gen.Select(row, field, (parts, value) => value is null ? parts : parts.Add($"{Json(name)}:{value}"));
        }
        return Gen.Select(row, Gen.OneOf("", ",\"note\":\"x\"", ",\"extra\":{\"_deep\":[1,null]}", ",\"n\":1e400"),
            (parts, extra) => "{" + string.Join(",", parts) + (parts.IsEmpty ? extra.TrimStart(',') : extra) + "}");
    }

    private static readonly Gen<string> OrderRows = Row(
        ("orderId", Text(1, 20).Select(Json), Gen.OneOf(Text(0, 0), Text(129, 135)).Select(Json)),
        ("customer", Text(0, 10).Select(Json), WrongType),
        ("amount", Numbers, WrongType),
        ("currency", Gen.OneOf("\"EUR\"", "\"USD\"", "\"JPY\""), Gen.OneOf("\"eur\"", "\"EURO\"", "\"\"", "\"E1R\"", "\"ÉUR\"", "\"EU\"", "\" EUR\"")),
        ("status", Gen.OneOf("\"new\"", "\"paid\"", "\"shipped\"", "\"cancelled\""), Gen.OneOf("\"lost\"", "\"\"", "\"PAID\"", "1")),
        ("createdAt", ValidDateTimes.Select(Json), DateTimes.Select(Json)));

    private static readonly Gen<string> ReadingRows = Row(
        ("deviceId", Text(0, 12).Select(Json), WrongType),
        ("ts", ValidDateTimes.Select(Json), DateTimes.Select(Json)),
        ("temperature", Numbers, WrongType),
        ("humidity", Numbers, WrongType),
        ("battery", Numbers, WrongType));

    [Fact]
    public void Orders_agree_with_JsonSchema_Net() => OrderRows.Sample(row => AssertAgree(Orders, row), iter: Properties.PropertyRuns.Iterations(400));

    [Fact]
    public void Readings_agree_with_JsonSchema_Net() => ReadingRows.Sample(row => AssertAgree(Readings, row), iter: Properties.PropertyRuns.Iterations(400));

    /// <summary>A valid row (property generators) with one to three fields dropped or given any JSON value.</summary>
    private static Gen<string> Mangled(Gen<(Properties.JObject Row, Properties.JObject Stored)> rows) =>
        Gen.Select(rows, Gen.Select(Gen.Int[0, 7], Properties.JsonGen.Value(2, storable: false)).Array[1, 3], Gen.Int, (row, changes, seed) =>
        {
            var mangled = row.Row;
            foreach (var (field, value) in changes)
            {
                var name = mangled.Properties.IsEmpty ? "x" : mangled.Properties[field % mangled.Properties.Length].Name;
                mangled = field == 7 ? new Properties.JObject([.. mangled.Properties.Where(p => p.Name != name)]) : mangled.With(name, value);
            }
            return (mangled, seed);
        })
        // ECMA-262's $ does not match before a final newline, .NET's does (pinned below).
        .Where(r => !r.mangled.Properties.Any(p => p is ("currency", Properties.JString { Value: [>= 'A' and <= 'Z', >= 'A' and <= 'Z', >= 'A' and <= 'Z', '\n'] })))
        .Select(r => r.mangled.Spell(new Random(r.seed)));

    [Fact]
    public void Orders_with_fields_dropped_or_given_any_value_agree_with_JsonSchema_Net() =>
        Mangled(Properties.RowGen.Orders).Sample(row => AssertAgree(Orders, row), iter: Properties.PropertyRuns.Iterations(300));

    [Fact]
    public void Readings_with_fields_dropped_or_given_any_value_agree_with_JsonSchema_Net() =>
        Mangled(Properties.RowGen.Readings).Sample(row => AssertAgree(Readings, row), iter: Properties.PropertyRuns.Iterations(300));

    [Fact]
    public void The_generators_produce_both_valid_and_invalid_rows()
    {
        // Random samples: both kinds must show up, in whatever proportion (a fixed band made this test flaky).
        var orders = OrderRows.Array[1000].Single();
        Assert.InRange(orders.Count(r => OursSaysValid(Orders, r)), 1, 999);
        var readings = ReadingRows.Array[1000].Single();
        Assert.InRange(readings.Count(r => OursSaysValid(Readings, r)), 1, 999);
    }

    [Theory]
    // JSON Schema counts code points; JsonSchema.Net counts graphemes: "e" + U+0301 is 2 code points.
    [InlineData("""{"maxLength": 1}""", "\"e\\u0301\"", false)]
    // ECMA-262's $ does not match before a final newline; .NET's does.
    [InlineData("""{"pattern": "^[A-Z]{3}$"}""", "\"EUR\\n\"", false)]
    // RFC 3339 separates date and time with T (or t) only.
    [InlineData("""{"format": "date-time"}""", "\"2026-01-01 12:00:00Z\"", false)]
    [InlineData("""{"format": "date-time"}""", "\"2026-01-01_12:00:00Z\"", false)]
    public void Where_we_depart_from_JsonSchema_Net_we_follow_the_specification(string schema, string instance, bool valid)
    {
        var dataset = Dataset.FromDeclaration($$"""{"name": "probe", "schema": {{schema}}}""");
        Assert.Equal(valid, OursSaysValid(dataset, instance));
        Assert.NotEqual(valid, JsonSchemaNetSaysValid(dataset, instance));
    }
}
