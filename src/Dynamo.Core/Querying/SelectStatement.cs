using System.Diagnostics.CodeAnalysis;

namespace Dynamo.Core.Querying;

/// <summary>
/// A statement that only reads: one PartiQL SELECT, checked token by token (comments, strings and quoted
/// names cannot hide or fake a keyword), with the table it reads and its WHERE clause.
/// </summary>
public sealed class SelectStatement
{
    // Words that only appear in statements that change data. EXISTS is DynamoDB's condition check inside a
    // transaction of writes; none of them can appear unquoted in a SELECT (DynamoDB reserves them all).
    private static readonly HashSet<string> WriteKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "INSERT", "UPDATE", "DELETE", "UPSERT", "REPLACE", "REMOVE", "SET", "EXISTS", "INTO", "VALUE",
        "CREATE", "DROP", "ALTER", "MERGE", "TRUNCATE",
    };

    private SelectStatement(string text, IReadOnlyList<PartiqlToken> tokens, string table, string? index, IReadOnlyList<PartiqlToken> where,
        IReadOnlyList<string>? projection)
    {
        Text = text;
        Tokens = tokens;
        Table = table;
        Index = index;
        Where = where;
        Projection = projection;
    }

    /// <summary>The statement as written; this is what DynamoDB receives.</summary>
    public string Text { get; }
    public IReadOnlyList<PartiqlToken> Tokens { get; }
    /// <summary>The table after FROM.</summary>
    public string Table { get; }
    /// <summary>The index of <c>FROM "table"."index"</c>, if any.</summary>
    public string? Index { get; }
    /// <summary>The tokens of the WHERE condition (empty without one).</summary>
    public IReadOnlyList<PartiqlToken> Where { get; }
    /// <summary>
    /// The names the SELECT list's paths come back under, in the list's order (a path is named after its last
    /// name step: <c>shipping.city</c> as <c>city</c>, as DynamoDB names it); null for <c>SELECT *</c>.
    /// </summary>
    public IReadOnlyList<string>? Projection { get; }
    /// <summary>How many <c>?</c> placeholders the statement has: one parameter each.</summary>
    public int ParameterCount => Tokens.Count(t => t.Kind == PartiqlTokenKind.Parameter);

    /// <summary>The statement if it is one SELECT; otherwise false and a sentence saying why it does not run.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out SelectStatement? statement, out string error)
    {
        statement = null;
        IReadOnlyList<PartiqlToken> tokens;
        try
        {
            tokens = PartiqlTokenizer.Tokenize(text);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }

        var semicolon = IndexOf(tokens, t => t.IsSymbol(";"));
        if (semicolon >= 0 && semicolon < tokens.Count - 1)
        {
            error = $"One statement at a time: something follows the ';' at character {tokens[semicolon].Position + 1}.";
            return false;
        }
        if (semicolon >= 0) tokens = [.. tokens.Take(semicolon)];
        if (tokens.Count == 0)
        {
            error = "The statement is empty: write a PartiQL SELECT.";
            return false;
        }
        if (!tokens[0].IsWord("SELECT"))
        {
            error = $"Only SELECT statements run here; this one starts with '{tokens[0].Text}'.";
            return false;
        }
        if (tokens.FirstOrDefault(t => t.Kind == PartiqlTokenKind.Word && WriteKeywords.Contains(t.Text)) is { Text: not null } write)
        {
            error = $"Only SELECT statements run here; '{write.Text}' (character {write.Position + 1}) belongs to statements that change data.";
            return false;
        }

        if (!TryFindTable(tokens, out var table, out var index, out var whereStart))
        {
            error = "A SELECT needs FROM and a table name, like SELECT * FROM \"orders\".";
            return false;
        }
        statement = new SelectStatement(text, tokens, table, index, WhereTokens(tokens, whereStart), ProjectionNames(tokens));
        error = "";
        return true;
    }

    private static bool TryFindTable(IReadOnlyList<PartiqlToken> tokens, [NotNullWhen(true)] out string? table, out string? index, out int next)
    {
        table = null;
        index = null;
        next = tokens.Count;
        var from = IndexOfAtTopLevel(tokens, 0, t => t.IsWord("FROM"));
        if (from < 0 || from + 1 >= tokens.Count || !tokens[from + 1].IsName) return false;
        table = tokens[from + 1].Text;
        next = from + 2;
        if (next + 1 < tokens.Count && tokens[next].IsSymbol(".") && tokens[next + 1].IsName)
        {
            index = tokens[next + 1].Text;
            next += 2;
        }
        return true;
    }

    /// <summary>The last top-level name of each comma-separated item between SELECT and FROM; null for <c>*</c>.</summary>
    private static string[]? ProjectionNames(IReadOnlyList<PartiqlToken> tokens)
    {
        var names = new List<string>();
        string? last = null;
        var depth = 0;
        for (var i = 1; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == PartiqlTokenKind.Symbol && token.Text is "(" or "[" or "{" or "<<") depth++;
            else if (token.Kind == PartiqlTokenKind.Symbol && token.Text is ")" or "]" or "}" or ">>") depth--;
            else if (depth > 0) continue;
            else if (token.IsSymbol("*")) return null;
            else if (token.IsName && !token.IsWord("FROM")) last = token.Text;
            else if (token.IsSymbol(",") || token.IsWord("FROM"))
            {
                if (last is not null) names.Add(last);
                last = null;
                if (token.IsWord("FROM")) break;
            }
        }
        return [.. names];
    }

    private static PartiqlToken[] WhereTokens(IReadOnlyList<PartiqlToken> tokens, int start)
    {
        var where = IndexOfAtTopLevel(tokens, start, t => t.IsWord("WHERE"));
        if (where < 0) return [];
        var end = IndexOfAtTopLevel(tokens, where + 1, t => t.IsWord("ORDER"));
        return [.. tokens.Skip(where + 1).Take((end < 0 ? tokens.Count : end) - where - 1)];
    }

    private static int IndexOf(IReadOnlyList<PartiqlToken> tokens, Func<PartiqlToken, bool> match)
    {
        for (var i = 0; i < tokens.Count; i++)
            if (match(tokens[i])) return i;
        return -1;
    }

    /// <summary>The first match outside any brackets.</summary>
    private static int IndexOfAtTopLevel(IReadOnlyList<PartiqlToken> tokens, int start, Func<PartiqlToken, bool> match)
    {
        var depth = 0;
        for (var i = start; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == PartiqlTokenKind.Symbol && token.Text is "(" or "[" or "{" or "<<") depth++;
            else if (token.Kind == PartiqlTokenKind.Symbol && token.Text is ")" or "]" or "}" or ">>") depth--;
            else if (depth == 0 && match(token)) return i;
        }
        return -1;
    }
}
