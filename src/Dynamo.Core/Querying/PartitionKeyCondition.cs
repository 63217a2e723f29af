namespace Dynamo.Core.Querying;

/// <summary>
/// Whether a WHERE condition pins the partition key to given values, which is what lets DynamoDB read
/// only those partitions instead of scanning the table: an equality (<c>key = 'a'</c>, <c>key = ?</c>) or
/// an IN list on the key, in a branch of an AND, or in every branch of an OR. Anything else (a range,
/// begins_with, NOT, a key compared to another attribute) leaves a full scan.
/// </summary>
/// <remarks>
/// A small recursive-descent reading of DynamoDB's condition grammar: OR over AND over NOT over
/// predicates; an operand is a path, a literal, a parameter, a function call or a collection literal.
/// A condition it cannot read counts as not pinning the key: at worst a warning too many.
/// </remarks>
public sealed class PartitionKeyCondition
{
    private enum Operand { Key, Value, Other }

    private readonly IReadOnlyList<PartiqlToken> _tokens;
    private readonly string _partitionKey;
    private int _next;

    private PartitionKeyCondition(IReadOnlyList<PartiqlToken> tokens, string partitionKey)
    {
        _tokens = tokens;
        _partitionKey = partitionKey;
    }

    public static bool PinsPartitionKey(IReadOnlyList<PartiqlToken> where, string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(where);
        if (where.Count == 0) return false;
        var reader = new PartitionKeyCondition(where, partitionKey);
        try
        {
            var pinned = reader.Or();
            return pinned && reader._next == where.Count;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private bool Or()
    {
        var pinned = And();
        while (Accept("OR")) pinned &= And();
        return pinned;
    }

    private bool And()
    {
        var pinned = Not();
        while (Accept("AND")) pinned |= Not();
        return pinned;
    }

    private bool Not()
    {
        if (!Accept("NOT")) return Predicate();
        Not();
        return false;
    }

    private bool Predicate()
    {
        if (Peek.IsSymbol("(") && !IsTuple())
        {
            _next++;
            var pinned = Or();
            Expect(")");
            // A parenthesised arithmetic operand, e.g. (a + 1) = 2.
            if (!IsComparison(Peek) && !Peek.IsWord("IN") && !Peek.IsWord("BETWEEN") && !Peek.IsWord("IS")) return pinned;
            Comparison(Operand.Other);
            return false;
        }
        return Comparison(Expression());
    }

    private bool Comparison(Operand left)
    {
        if (IsComparison(Peek))
        {
            var equality = _tokens[_next++].Text == "=";
            var right = Expression();
            return equality && ((left == Operand.Key && right == Operand.Value) || (left == Operand.Value && right == Operand.Key));
        }
        var negated = Accept("NOT");
        if (Accept("IN"))
        {
            var list = Expression();
            return !negated && left == Operand.Key && list == Operand.Value;
        }
        if (Accept("BETWEEN"))
        {
            Expression();
            if (!Accept("AND")) throw new FormatException("BETWEEN without AND");
            Expression();
            return false;
        }
        if (Accept("IS"))
        {
            Accept("NOT");
            if (_next >= _tokens.Count || !_tokens[_next].IsName) throw new FormatException("IS without a type");
            _next++;
            return false;
        }
        if (negated) throw new FormatException("NOT without IN or BETWEEN");
        // A condition on its own: begins_with(...), contains(...), attribute_exists(...).
        return false;
    }

    /// <summary>An operand, with arithmetic or concatenation after it making it a computed value.</summary>
    private Operand Expression()
    {
        var operand = Primary();
        while (Peek.Kind == PartiqlTokenKind.Symbol && Peek.Text is "+" or "-" or "*" or "/" or "%" or "||")
        {
            _next++;
            Primary();
            operand = Operand.Other;
        }
        return operand;
    }

    private Operand Primary()
    {
        if (_next >= _tokens.Count) throw new FormatException("an operand is missing");
        var token = _tokens[_next];
        switch (token.Kind)
        {
            case PartiqlTokenKind.Text or PartiqlTokenKind.Number or PartiqlTokenKind.Parameter:
                _next++;
                return Operand.Value;
            case PartiqlTokenKind.Symbol when token.Text is "[" or "(" or "{" or "<<":
                SkipBracketed();
                return Operand.Value;
            case PartiqlTokenKind.Symbol when token.Text is "-" or "+":
                _next++;
                return Primary() == Operand.Value ? Operand.Value : Operand.Other;
            case PartiqlTokenKind.Word when token.Text.ToUpperInvariant() is "TRUE" or "FALSE" or "NULL" or "MISSING":
                _next++;
                return Operand.Value;
            case PartiqlTokenKind.Word when _next + 1 < _tokens.Count && _tokens[_next + 1].IsSymbol("("):
                _next++;
                SkipBracketed();
                return Operand.Other;
            case PartiqlTokenKind.Word or PartiqlTokenKind.QuotedName:
                return Path();
            default:
                throw new FormatException($"unexpected '{token.Text}'");
        }
    }

    /// <summary>A name, then any <c>.name</c> and <c>[index]</c> steps into nested values.</summary>
    private Operand Path()
    {
        var first = _tokens[_next++];
        var steps = 0;
        while (_next < _tokens.Count)
        {
            if (Peek.IsSymbol(".") && _next + 1 < _tokens.Count && _tokens[_next + 1].IsName) _next += 2;
            else if (Peek.IsSymbol("[")) SkipBracketed();
            else break;
            steps++;
        }
        return steps == 0 && first.Text == _partitionKey ? Operand.Key : Operand.Other;
    }

    /// <summary>(a, b) IN ... compares tuples; a '(' holding a top-level ',' is one.</summary>
    private bool IsTuple()
    {
        var depth = 0;
        for (var i = _next; i < _tokens.Count; i++)
        {
            var t = _tokens[i];
            if (t.Kind == PartiqlTokenKind.Symbol && t.Text is "(" or "[" or "{" or "<<") depth++;
            else if (t.Kind == PartiqlTokenKind.Symbol && t.Text is ")" or "]" or "}" or ">>")
            {
                if (--depth == 0) return false;
            }
            else if (depth == 1 && t.IsSymbol(",")) return true;
        }
        return false;
    }

    private void SkipBracketed()
    {
        var depth = 0;
        do
        {
            if (_next >= _tokens.Count) throw new FormatException("an unclosed bracket");
            var t = _tokens[_next++];
            if (t.Kind == PartiqlTokenKind.Symbol && t.Text is "(" or "[" or "{" or "<<") depth++;
            else if (t.Kind == PartiqlTokenKind.Symbol && t.Text is ")" or "]" or "}" or ">>") depth--;
        } while (depth > 0);
    }

    private static bool IsComparison(PartiqlToken token) =>
        token.Kind == PartiqlTokenKind.Symbol && token.Text is "=" or "<>" or "!=" or "<" or "<=" or ">" or ">=";

    private PartiqlToken Peek => _next < _tokens.Count ? _tokens[_next] : new PartiqlToken(PartiqlTokenKind.Symbol, "", -1);

    private bool Accept(string keyword)
    {
        if (!Peek.IsWord(keyword)) return false;
        _next++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!Peek.IsSymbol(symbol)) throw new FormatException($"'{symbol}' expected");
        _next++;
    }
}
