using System.Text;

namespace Dynamo.Core.Tests.Fuzzing;

/// <summary>
/// Mutations of a request body, as a coverage-blind fuzzer makes them: byte and bit flips, deletions,
/// insertions of JSON tokens and awkward values (huge numbers, lone surrogates, invalid UTF-8), copies,
/// splices of two bodies, truncation, and deep nesting.
/// </summary>
internal sealed class RequestMutator(Random random)
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "null", "true", "false", "-", "0", "-0", "1", "1.0", "1e2", "1E+2", "-1e-2",
            "\"rows\"", "\"orderId\"", "\"deviceId\"", "\"ts\"", "\"amount\"", "\"humidity\"", "\"createdAt\"", "\"status\"", "\"_x\"", "\"\"",
            "1e999999999999", "-1E-999999999999", "1e126", "9.9999999999999999999999999999999999999E+125", "1e-130", "1e-131",
            "123456789012345678901234567890123456789", "0.00000000000000000000000000000000000000000000000000001",
            "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\uD83D\\uDE00\"", "\\u00", "\"\\u2028\"",
            "\"2026-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59-23:59\"", "\"0000-01-01T00:00:00+00:01\"", "\"2016-12-31T23:59:60Z\"",
            "\"2026-02-29T00:00:00Z\"", "\"2026-01-01T00:00:00.000000000000Z\"", "\"EUR\\n\"", "\"paid\"", "100", "100.0000000001",
        }.Select(Encoding.UTF8.GetBytes),
        [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0x80], [0xFF], [0xEF, 0xBB, 0xBF], [0x00], [0xE2, 0x82],
    ];

    private static readonly byte[] InterestingBytes = [0x00, 0x09, 0x0A, 0x22, 0x2C, 0x2D, 0x2E, 0x30, 0x31, 0x3A, 0x45, 0x5B, 0x5C, 0x5D, 0x65, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xED, 0xF4, 0xF5, 0xFF];

    /// <summary>One to four stacked mutations of <paramref name="body"/>; <paramref name="other"/> feeds splices.</summary>
    public byte[] Mutate(byte[] body, byte[] other)
    {
        var bytes = new List<byte>(body);
        var count = 1 + random.Next(4);
        for (var i = 0; i < count; i++) MutateOnce(bytes, other);
        return [.. bytes];
    }

    private void MutateOnce(List<byte> bytes, byte[] other)
    {
        var at = random.Next(bytes.Count + 1);
        switch (random.Next(11))
        {
            case 0 when bytes.Count > 0:
                bytes[Math.Min(at, bytes.Count - 1)] ^= (byte)(1 << random.Next(8));
                break;
            case 1 when bytes.Count > 0:
                bytes[Math.Min(at, bytes.Count - 1)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                break;
            case 2 when bytes.Count > 0:
                bytes.RemoveRange(Math.Min(at, bytes.Count - 1), Math.Min(1 + random.Next(16), bytes.Count - Math.Min(at, bytes.Count - 1)));
                break;
            case 3:
            case 4:
                bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
            case 5 when bytes.Count > 0:
                var start = random.Next(bytes.Count);
                var length = Math.Min(1 + random.Next(64), bytes.Count - start);
                bytes.InsertRange(at, bytes.GetRange(start, length));
                break;
            case 6:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case 7 when other.Length > 0:
                var from = random.Next(other.Length);
                bytes.RemoveRange(at, bytes.Count - at);
                bytes.AddRange(other.AsSpan(from).ToArray());
                break;
            case 8:
                // Deep nesting around a point: past the parser's depth limit (256) or DynamoDB's (32).
                var depth = random.Next(3) == 0 ? 200 + random.Next(120) : 25 + random.Next(15);
                var end = at + random.Next(bytes.Count - at + 1);
                var array = random.Next(2) == 0;
                bytes.InsertRange(end, Enumerable.Repeat((byte)(array ? ']' : '}'), depth));
                bytes.InsertRange(at, Enumerable.Range(0, depth).SelectMany(_ => array ? "["u8.ToArray() : "{\"a\":"u8.ToArray()));
                break;
            case 9:
                // A huge number: many digits, or an exponent past any range.
                var digits = new string('9', 1 + random.Next(random.Next(2) == 0 ? 50 : 5000));
                bytes.InsertRange(at, Encoding.ASCII.GetBytes(random.Next(2) == 0 ? digits : $"1{(random.Next(2) == 0 ? "." + digits : "")}e{(random.Next(2) == 0 ? "-" : "")}{digits}"));
                break;
            default:
                bytes.InsertRange(at, Tokens[random.Next(Tokens.Length)]);
                break;
        }
    }
}
