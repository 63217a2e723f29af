namespace Dynamo.Core.Querying;

/// <summary>
/// Splits a PartiQL statement into tokens the way DynamoDB reads it: <c>'text'</c> strings and
/// <c>"name"</c> identifiers (a doubled quote inside stands for one), <c>--</c> line and <c>/* */</c>
/// block comments dropped. Whatever is inside a string, a quoted name or a comment can never be read as
/// a keyword, so the guard below looks only at real words.
/// </summary>
public static class PartiqlTokenizer
{
    private static readonly string[] TwoCharacterSymbols = ["<<", ">>", "<=", ">=", "<>", "!=", "||"];

    /// <exception cref="FormatException">An unterminated string, quoted name or block comment.</exception>
    public static IReadOnlyList<PartiqlToken> Tokenize(string statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var tokens = new List<PartiqlToken>();
        var i = 0;
        while (i < statement.Length)
        {
            var c = statement[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && At(statement, i + 1, '-'))
            {
                var end = statement.IndexOf('\n', i);
                i = end < 0 ? statement.Length : end + 1;
            }
            else if (c == '/' && At(statement, i + 1, '*'))
            {
                var end = statement.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new FormatException($"A /* comment opened at character {i + 1} is never closed.");
                i = end + 2;
            }
            else if (c is '\'' or '"')
            {
                var (text, next) = Quoted(statement, i);
                tokens.Add(new PartiqlToken(c == '\'' ? PartiqlTokenKind.Text : PartiqlTokenKind.QuotedName, text, i));
                i = next;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < statement.Length && (char.IsLetterOrDigit(statement[i]) || statement[i] is '_' or '$')) i++;
                tokens.Add(new PartiqlToken(PartiqlTokenKind.Word, statement[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < statement.Length && char.IsAsciiDigit(statement[i + 1])))
            {
                var start = i;
                i = NumberEnd(statement, i);
                tokens.Add(new PartiqlToken(PartiqlTokenKind.Number, statement[start..i], start));
            }
            else if (c == '?')
            {
                tokens.Add(new PartiqlToken(PartiqlTokenKind.Parameter, "?", i++));
            }
            else
            {
                var two = i + 1 < statement.Length ? statement.Substring(i, 2) : "";
                var symbol = TwoCharacterSymbols.Contains(two) ? two : c.ToString();
                tokens.Add(new PartiqlToken(PartiqlTokenKind.Symbol, symbol, i));
                i += symbol.Length;
            }
        }
        return tokens;
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private static (string Text, int Next) Quoted(string statement, int open)
    {
        var quote = statement[open];
        var text = new System.Text.StringBuilder();
        for (var i = open + 1; i < statement.Length; i++)
        {
            if (statement[i] != quote)
            {
                text.Append(statement[i]);
            }
            else if (At(statement, i + 1, quote))
            {
                text.Append(quote);
                i++;
            }
            else
            {
                return (text.ToString(), i + 1);
            }
        }
        var what = quote == '\'' ? "A string" : "A quoted name";
        throw new FormatException($"{what} opened at character {open + 1} is never closed.");
    }

    private static int NumberEnd(string statement, int i)
    {
        while (i < statement.Length && (char.IsAsciiDigit(statement[i]) || statement[i] == '.')) i++;
        if (i < statement.Length && statement[i] is 'e' or 'E')
        {
            var exponent = i + 1;
            if (exponent < statement.Length && statement[exponent] is '+' or '-') exponent++;
            if (exponent < statement.Length && char.IsAsciiDigit(statement[exponent]))
            {
                i = exponent;
                while (i < statement.Length && char.IsAsciiDigit(statement[i])) i++;
            }
        }
        return i;
    }
}
