using System.Globalization;

namespace Dynamo.Local.Template;

/// <summary>
/// Typed reads of an evaluated template value (strings, lists and mappings, as <see cref="CloudFormationYaml"/>
/// gives them). <c>where</c> names the place in the template, so an error tells the user what to fix.
/// </summary>
public static class TemplateValue
{
    public static string Text(object? value, string where) => value switch
    {
        string s => s,
        null => throw new TemplateException($"template.yaml: {where} is missing."),
        _ => throw new TemplateException($"template.yaml: {where} must be a single value, not a list or a mapping."),
    };

    public static string? OptionalText(object? value, string where) => value is null ? null : Text(value, where);

    public static int WholeNumber(object? value, string where)
    {
        var text = Text(value, where);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new TemplateException($"template.yaml: {where} must be a whole number, got '{text}'.");
    }

    public static int? OptionalWholeNumber(object? value, string where) => value is null ? null : WholeNumber(value, where);

    public static double Number(object? value, string where)
    {
        var text = Text(value, where);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new TemplateException($"template.yaml: {where} must be a number, got '{text}'.");
    }

    public static IReadOnlyDictionary<string, object?> Map(object? value, string where) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map,
        null => throw new TemplateException($"template.yaml: {where} is missing."),
        _ => throw new TemplateException($"template.yaml: {where} must be a mapping."),
    };

    public static IReadOnlyDictionary<string, object?> OptionalMap(object? value, string where) =>
        value is null ? new Dictionary<string, object?>() : Map(value, where);

    public static IReadOnlyList<object?> List(object? value, string where) => value switch
    {
        IReadOnlyList<object?> list => list,
        null => throw new TemplateException($"template.yaml: {where} is missing."),
        _ => throw new TemplateException($"template.yaml: {where} must be a list."),
    };

    public static object? Get(IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? value : null;

    /// <summary>A one-entry mapping whose key is Ref, Condition or Fn::*: an intrinsic function in long form.</summary>
    public static bool IsIntrinsic(object? value, out string name, out object? argument)
    {
        if (value is IReadOnlyDictionary<string, object?> { Count: 1 } map)
        {
            var (key, arg) = map.First();
            // Ref and Condition take a name; a mapping holding only "Condition: {...}" is a policy block, not the intrinsic.
            if (key.StartsWith("Fn::", StringComparison.Ordinal) || (key is "Ref" or "Condition" && arg is string))
            {
                name = key;
                argument = arg;
                return true;
            }
        }
        name = "";
        argument = null;
        return false;
    }
}
