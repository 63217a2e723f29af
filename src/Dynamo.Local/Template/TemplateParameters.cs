using System.Globalization;
using System.Text.RegularExpressions;

namespace Dynamo.Local.Template;

/// <summary>
/// The values of a template's Parameters as CloudFormation would take them: an override if given, else the
/// Default, checked against the declaration's constraints (AllowedValues, AllowedPattern, Min/MaxValue,
/// Min/MaxLength, Number). List types (CommaDelimitedList, List&lt;...&gt;) become lists of strings.
/// </summary>
public sealed class TemplateParameters
{
    private readonly Dictionary<string, object> _values;

    private TemplateParameters(Dictionary<string, object> values) => _values = values;

    /// <summary>Every parameter's value: a string, or a list of strings for list types.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    public static TemplateParameters Resolve(
        IReadOnlyDictionary<string, object?> declarations, IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var name in overrides.Keys.Where(name => !declarations.ContainsKey(name)))
        {
            var known = declarations.Count == 0 ? "none" : string.Join(", ", declarations.Keys);
            throw new TemplateException($"Unknown parameter '{name}': template.yaml declares {known}.");
        }

        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, declarationNode) in declarations)
        {
            var declaration = TemplateValue.Map(declarationNode, $"Parameters.{name}");
            var given = overrides.TryGetValue(name, out var overridden)
                ? overridden
                : DefaultOf(declaration, name) ?? throw new TemplateException(
                    $"Parameter '{name}' has no default in template.yaml: give it with --parameter {name}=VALUE.");
            values[name] = Checked(name, declaration, given);
        }
        return new TemplateParameters(values);
    }

    private static string? DefaultOf(IReadOnlyDictionary<string, object?> declaration, string name) =>
        TemplateValue.Get(declaration, "Default") switch
        {
            null => declaration.ContainsKey("Default") ? "" : null,
            IReadOnlyList<object?> list => string.Join(",", list.Select(item => TemplateValue.Text(item, $"Parameters.{name}.Default"))),
            var value => TemplateValue.Text(value, $"Parameters.{name}.Default"),
        };

    private static object Checked(string name, IReadOnlyDictionary<string, object?> declaration, string value)
    {
        var type = TemplateValue.OptionalText(TemplateValue.Get(declaration, "Type"), $"Parameters.{name}.Type") ?? "String";
        var isList = type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal);
        var isNumber = type is "Number" or "List<Number>";
        var items = isList ? value.Split(',').Select(item => item.Trim()).ToList() : [value];

        foreach (var item in items)
            CheckOne(name, declaration, item, isNumber);
        return isList ? items : value;
    }

    private static void CheckOne(string name, IReadOnlyDictionary<string, object?> declaration, string value, bool isNumber)
    {
        string Where(string key) => $"Parameters.{name}.{key}";

        if (TemplateValue.Get(declaration, "AllowedValues") is { } allowedNode)
        {
            var allowed = TemplateValue.List(allowedNode, Where("AllowedValues")).Select(v => TemplateValue.Text(v, Where("AllowedValues"))).ToList();
            if (!allowed.Contains(value, StringComparer.Ordinal))
                throw new TemplateException($"Parameter '{name}' must be one of {string.Join(", ", allowed)}, got '{value}'.");
        }

        if (TemplateValue.OptionalText(TemplateValue.Get(declaration, "AllowedPattern"), Where("AllowedPattern")) is { } pattern
            && !Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new TemplateException($"Parameter '{name}' does not match its pattern {pattern}: '{value}'.");
        }

        if (TemplateValue.OptionalWholeNumber(TemplateValue.Get(declaration, "MinLength"), Where("MinLength")) is { } minLength && value.Length < minLength)
            throw new TemplateException($"Parameter '{name}' must be at least {minLength} characters long, got '{value}'.");
        if (TemplateValue.OptionalWholeNumber(TemplateValue.Get(declaration, "MaxLength"), Where("MaxLength")) is { } maxLength && value.Length > maxLength)
            throw new TemplateException($"Parameter '{name}' must be at most {maxLength} characters long, got '{value}'.");

        if (!isNumber)
            return;
        if (!decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            throw new TemplateException($"Parameter '{name}' must be a number, got '{value}'.");
        if (TemplateValue.Get(declaration, "MinValue") is { } min && number < (decimal)TemplateValue.Number(min, Where("MinValue")))
            throw new TemplateException($"Parameter '{name}' must be at least {min}, got {value}.");
        if (TemplateValue.Get(declaration, "MaxValue") is { } max && number > (decimal)TemplateValue.Number(max, Where("MaxValue")))
            throw new TemplateException($"Parameter '{name}' must be at most {max}, got {value}.");
    }
}
