using System.Globalization;
using System.Numerics;
using System.Text;

namespace Dynamo.Core.Rows;

/// <summary>
/// An RFC 3339 <c>date-time</c> (section 5.6): <c>YYYY-MM-DD"T"hh:mm:ss[.frac]("Z"|±hh:mm)</c>, "T" and "Z"
/// in either case, a leap second only where the instant is 23:59:60 UTC (as the JSON Schema test suite reads
/// it). Kept as text fields so that no precision is lost: fractions may have any number of digits.
/// </summary>
public readonly record struct Rfc3339DateTime
{
    private Rfc3339DateTime(long utcMinutes, int second, string fraction)
    {
        UtcMinutes = utcMinutes;
        Second = second;
        Fraction = fraction;
    }

    /// <summary>Minutes since 0000-03-01T00:00Z (proleptic Gregorian), in UTC.</summary>
    private long UtcMinutes { get; }
    private int Second { get; }
    /// <summary>Fraction digits without trailing zeros.</summary>
    private string Fraction { get; }

    public static bool IsValid(ReadOnlySpan<byte> text) => TryParse(text, out _, parseFraction: false);

    public static bool TryParse(ReadOnlySpan<byte> text, out Rfc3339DateTime value) => TryParse(text, out value, parseFraction: true);

    public static bool TryParse(string text, out Rfc3339DateTime value) => TryParse(Encoding.UTF8.GetBytes(text), out value);

    /// <summary>
    /// The same instant in UTC with "Z" and no redundant fraction digits, so one instant is one key and
    /// string order is time order. Null when the UTC instant falls outside the years 0000..9999.
    /// </summary>
    public string? ToUtcString()
    {
        var days = FloorDiv(UtcMinutes, 1440);
        var minuteOfDay = UtcMinutes - (days * 1440);
        var (year, month, day) = CivilFromDays(days);
        if (year is < 0 or > 9999) return null;
        var fraction = Fraction.Length > 0 ? "." + Fraction : "";
        return $"{year:D4}-{month:D2}-{day:D2}T{minuteOfDay / 60:D2}:{minuteOfDay % 60:D2}:{Second:D2}{fraction}Z";
    }

    /// <summary>The fraction digits kept (trailing zeros dropped): a version's number holds at most 38 digits.</summary>
    public int FractionDigits => Fraction.Length;

    /// <summary>
    /// The instant as Unix seconds, an exact decimal with every fraction digit: the number a versioned
    /// dataset compares (docs/datasets.md). Text order of <see cref="ToUtcString"/> is not time order once
    /// fractions differ in length (".5Z" sorts before "Z"); a number's order is. A leap second counts as the
    /// next minute's :00.
    /// </summary>
    public string ToUnixSeconds()
    {
        // DaysFromCivil counts from 0000-03-01; 1970-01-01 is day 719,468 of it.
        const long unixEpochMinutes = 719_468L * 1440;
        var seconds = ((UtcMinutes - unixEpochMinutes) * 60) + Second;
        if (Fraction.Length == 0) return seconds.ToString(CultureInfo.InvariantCulture);
        // seconds + 0.fraction as one scaled integer, so -124 and .5 make -123.5.
        var scaled = (new BigInteger(seconds) * BigInteger.Pow(10, Fraction.Length)) + BigInteger.Parse(Fraction, CultureInfo.InvariantCulture);
        var digits = BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(Fraction.Length + 1, '0');
        var point = digits.Length - Fraction.Length;
        return $"{(scaled.Sign < 0 ? "-" : "")}{digits[..point]}.{digits[point..]}";
    }

    private static bool TryParse(ReadOnlySpan<byte> s, out Rfc3339DateTime value, bool parseFraction)
    {
        value = default;
        // Shortest form: 2026-01-01T00:00:00Z (20 characters).
        if (s.Length < 20) return false;
        if (!Number(s, 0, 4, out var year) || s[4] != '-' || !Number(s, 5, 2, out var month) || s[7] != '-'
            || !Number(s, 8, 2, out var day) || (s[10] != 'T' && s[10] != 't')
            || !Number(s, 11, 2, out var hour) || s[13] != ':' || !Number(s, 14, 2, out var minute) || s[16] != ':'
            || !Number(s, 17, 2, out var second))
            return false;
        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 60) return false;

        var i = 19;
        var fraction = ReadOnlySpan<byte>.Empty;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && s[i] is >= (byte)'0' and <= (byte)'9') i++;
            if (i == start) return false;
            fraction = s[start..i];
        }
        if (i >= s.Length) return false;
        var offsetMinutes = 0;
        if (s[i] is (byte)'Z' or (byte)'z')
        {
            i++;
        }
        else if (s[i] is (byte)'+' or (byte)'-')
        {
            if (i + 6 != s.Length || !Number(s, i + 1, 2, out var offsetHour) || s[i + 3] != ':'
                || !Number(s, i + 4, 2, out var offsetMinute) || offsetHour > 23 || offsetMinute > 59)
                return false;
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (s[i] == '-' ? -1 : 1);
            i += 6;
        }
        else
        {
            return false;
        }
        if (i != s.Length) return false;

        var utcMinutes = (DaysFromCivil(year, month, day) * 1440) + (hour * 60) + minute - offsetMinutes;
        // A leap second exists only as 23:59:60 UTC.
        if (second == 60 && utcMinutes - (FloorDiv(utcMinutes, 1440) * 1440) != 1439) return false;

        if (parseFraction)
        {
            var end = fraction.Length;
            while (end > 0 && fraction[end - 1] == '0') end--;
            value = new Rfc3339DateTime(utcMinutes, second, Encoding.ASCII.GetString(fraction[..end]));
        }
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (s[i] is < (byte)'0' or > (byte)'9') return false;
            value = (value * 10) + (s[i] - '0');
        }
        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    // Proleptic Gregorian day numbers for any year (H. Hinnant's days_from_civil / civil_from_days),
    // so that year 0000 and offsets that cross a year boundary need no special cases.
    private static long DaysFromCivil(long y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = FloorDiv(y, 400);
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097) + doe;
    }

    private static (long Year, int Month, int Day) CivilFromDays(long z)
    {
        var era = FloorDiv(z, 146097);
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return (m <= 2 ? y + 1 : y, m, d);
    }
}
