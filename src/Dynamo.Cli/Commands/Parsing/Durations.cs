using System.Globalization;
using System.Text.RegularExpressions;

namespace Dynamo.Cli.Commands.Parsing;

/// <summary>Durations as every verb writes them: a number and a unit, <c>500ms</c>, <c>30s</c>, <c>2m</c>, <c>1h</c>.</summary>
internal static partial class Durations
{
    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        duration = TimeSpan.Zero;
        var match = Syntax().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"'{text}' is not a duration: write a number and a unit, like 500ms, 30s or 2m.";
            return false;
        }

        var milliseconds = amount * match.Groups["unit"].Value switch
        {
            "ms" => 1m,
            "s" => 1_000m,
            "m" => 60_000m,
            _ => 3_600_000m,
        };
        if (milliseconds > (decimal)TimeSpan.MaxValue.TotalMilliseconds)
        {
            error = $"'{text}' is too long a duration.";
            return false;
        }

        duration = TimeSpan.FromMilliseconds((double)milliseconds);
        error = "";
        return true;
    }

    [GeneratedRegex(@"^(?<amount>[0-9]+(\.[0-9]+)?)(?<unit>ms|s|m|h)$")]
    private static partial Regex Syntax();
}
