namespace Dynamo.Core.Querying;

public enum PartiqlTokenKind
{
    /// <summary>A bare word: a keyword, a function or an unquoted name.</summary>
    Word,
    /// <summary>A name in double quotes: never a keyword.</summary>
    QuotedName,
    /// <summary>Text in single quotes.</summary>
    Text,
    Number,
    /// <summary>A <c>?</c> placeholder for a parameter.</summary>
    Parameter,
    /// <summary>Punctuation and operators: <c>( ) [ ] { } &lt;&lt; &gt;&gt; , . ; = &lt;&gt; != &lt;= &gt;=</c> and the like.</summary>
    Symbol,
}

/// <summary>One token of a PartiQL statement; <see cref="Text"/> is the value (quotes removed, doubled quotes undone).</summary>
public readonly record struct PartiqlToken(PartiqlTokenKind Kind, string Text, int Position)
{
    public bool IsWord(string keyword) => Kind == PartiqlTokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(string symbol) => Kind == PartiqlTokenKind.Symbol && Text == symbol;

    /// <summary>A name as DynamoDB reads it: a bare word or a double-quoted name.</summary>
    public bool IsName => Kind is PartiqlTokenKind.Word or PartiqlTokenKind.QuotedName;
}
