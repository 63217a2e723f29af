using System.Text;
using System.Text.RegularExpressions;

namespace Dynamo.Core.Datasets.Schemas;

/// <summary>
/// A JSON Schema <c>pattern</c>: an ECMA-262 regular expression, searched (not anchored) in the string.
/// .NET's ECMAScript mode gives ECMA character classes (\d and \w are ASCII), but its '$' also matches
/// before a final newline, which ECMA-262 does not; '$' is rewritten so "EUR\n" does not match ^[A-Z]{3}$.
/// </summary>
internal sealed class EcmaPattern
{
    private readonly Regex _regex;

    public EcmaPattern(string pattern)
    {
        Source = pattern;
        // No match timeout: a timeout would turn a busy machine into rejected rows. Patterns are declared in
        // this repository and reviewed, and a row is at most 400 KB.
        _regex = new Regex(AnchorEndsAtTheEnd(pattern), RegexOptions.ECMAScript | RegexOptions.Compiled);
    }

    public string Source { get; }

    public bool IsMatch(ReadOnlySpan<char> value) => _regex.IsMatch(value);

    private static string AnchorEndsAtTheEnd(string pattern)
    {
        var result = new StringBuilder(pattern.Length + 8);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }
            if (c == '[') inClass = true;
            else if (c == ']') inClass = false;
            if (c == '$' && !inClass) result.Append("$(?!\\n)");
            else result.Append(c);
        }
        return result.ToString();
    }
}
