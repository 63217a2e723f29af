using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2.Model;

namespace Dynamo.Core.Querying;

/// <summary>
/// A value for a <c>?</c> of a statement, typed from its text: a JSON number is a number, <c>true</c> and
/// <c>false</c> are booleans, <c>null</c> is null, anything else is a string. <c>s:</c>, <c>n:</c> and
/// <c>b:</c> force string, number or boolean (<c>s:42</c> is the string "42").
/// </summary>
public static partial class StatementParameter
{
    public static bool TryParse(string text, [NotNullWhen(true)] out AttributeValue? value, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        error = "";
        if (text.StartsWith("s:", StringComparison.Ordinal))
        {
            value = new AttributeValue { S = text[2..] };
        }
        else if (text.StartsWith("n:", StringComparison.Ordinal))
        {
            if (!IsNumber(text[2..])) error = $"'{text}': after n: comes a number, like n:42 or n:-1.5e3.";
            else value = new AttributeValue { N = text[2..] };
        }
        else if (text.StartsWith("b:", StringComparison.Ordinal))
        {
            if (text[2..] is not ("true" or "false")) error = $"'{text}': after b: comes true or false.";
            else value = new AttributeValue { BOOL = text[2..] == "true" };
        }
        else
        {
            value = text switch
            {
                "true" => new AttributeValue { BOOL = true },
                "false" => new AttributeValue { BOOL = false },
                "null" => new AttributeValue { NULL = true },
                // Only JSON's number syntax: "007" or "1_000" stay strings, as an identifier like that usually is.
                _ when IsNumber(text) => new AttributeValue { N = text },
                _ => new AttributeValue { S = text },
            };
        }
        return value is not null;
    }

    private static bool IsNumber(string text) => JsonNumber().IsMatch(text);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
