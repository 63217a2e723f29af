using System.Globalization;
using System.Net;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace Dynamo.Local.Template;

/// <summary>
/// Evaluates CloudFormation's intrinsic functions and conditions over a parsed template, with the parameters
/// resolved, the local pseudo parameters and the local names of the template's resources. <c>AWS::NoValue</c>
/// removes the mapping entry or list item that holds it. Functions that have no local meaning
/// (Fn::ImportValue: no other stacks exist locally) fail with a clear message when, and only when, evaluated.
/// </summary>
public sealed partial class TemplateEvaluator
{
    private static readonly object NoValue = new();
    // Fn::GetAZs: three zones per region, as most regions have.
    private static readonly string[] ZoneLetters = ["a", "b", "c"];

    private readonly TemplateParameters _parameters;
    private readonly IReadOnlyDictionary<string, object?> _conditions;
    private readonly IReadOnlyDictionary<string, object?> _mappings;
    private readonly LocalResourceNames _resources;
    private readonly Dictionary<string, bool> _conditionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditionsInProgress = new(StringComparer.Ordinal);

    public TemplateEvaluator(
        TemplateParameters parameters,
        IReadOnlyDictionary<string, object?> conditions,
        IReadOnlyDictionary<string, object?> mappings,
        LocalResourceNames resources)
    {
        _parameters = parameters;
        _conditions = conditions;
        _mappings = mappings;
        _resources = resources;
    }

    /// <summary>The value with every intrinsic function resolved; null when it is absent or AWS::NoValue.</summary>
    public object? Evaluate(object? node)
    {
        var value = Resolve(node);
        return ReferenceEquals(value, NoValue) ? null : value;
    }

    /// <summary>The value of the named entry of Conditions.</summary>
    public bool Condition(string name)
    {
        if (_conditionValues.TryGetValue(name, out var known))
            return known;
        if (!_conditions.TryGetValue(name, out var expression))
            throw new TemplateException($"template.yaml: the condition '{name}' is not declared under Conditions.");
        if (!_conditionsInProgress.Add(name))
            throw new TemplateException($"template.yaml: the condition '{name}' depends on itself.");

        var value = IsTrue(expression, $"Conditions.{name}");
        _conditionsInProgress.Remove(name);
        _conditionValues[name] = value;
        return value;
    }

    private object? Resolve(object? node)
    {
        if (TemplateValue.IsIntrinsic(node, out var function, out var argument))
            return Intrinsic(function, argument);

        return node switch
        {
            IReadOnlyDictionary<string, object?> map => map
                .Select(entry => (entry.Key, Value: Resolve(entry.Value)))
                .Where(entry => !ReferenceEquals(entry.Value, NoValue))
                .ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal),
            IReadOnlyList<object?> list => list.Select(Resolve).Where(item => !ReferenceEquals(item, NoValue)).ToList(),
            _ => node,
        };
    }

    private object? Intrinsic(string function, object? argument) => function switch
    {
        "Ref" => Ref((string)argument!),
        "Condition" => Bool(Condition((string)argument!)),
        "Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or" => Bool(IsTrue(new Dictionary<string, object?> { [function] = argument }, function)),
        "Fn::If" => If(argument),
        "Fn::Sub" => Sub(argument),
        "Fn::GetAtt" => GetAtt(argument),
        "Fn::Join" => Join(argument),
        "Fn::Split" => Split(argument),
        "Fn::Select" => Select(argument),
        "Fn::FindInMap" => FindInMap(argument),
        "Fn::Base64" => Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Resolve(argument), "Fn::Base64"))),
        "Fn::GetAZs" => AvailabilityZones(argument),
        "Fn::Cidr" => Cidr(argument),
        "Fn::ImportValue" => throw new TemplateException(
            "template.yaml: Fn::ImportValue cannot be resolved locally: the local stack has no other stacks whose exports it could read."),
        _ => throw new TemplateException($"template.yaml: {function} is not supported by the local stack."),
    };

    private object Ref(string name)
    {
        if (name == "AWS::NoValue")
            return NoValue;
        if (_parameters.Values.TryGetValue(name, out var parameter))
            return parameter is IReadOnlyList<string> list ? list.Cast<object?>().ToList() : parameter;
        if (PseudoParameters.TryGet(name, out var pseudo))
            return pseudo;
        if (_resources.IsResource(name))
            return _resources.Ref(name);
        throw new TemplateException($"template.yaml: Ref '{name}' names no parameter, pseudo parameter or resource.");
    }

    private object? If(object? argument)
    {
        var args = Arguments(argument, "Fn::If", 3);
        return Condition(Text(args[0], "Fn::If condition name")) ? Resolve(args[1]) : Resolve(args[2]);
    }

    private bool IsTrue(object? expression, string where)
    {
        if (!TemplateValue.IsIntrinsic(expression, out var function, out var argument))
        {
            return Resolve(expression) switch
            {
                "true" or "True" => true,
                "false" or "False" => false,
                var other => throw new TemplateException($"template.yaml: {where} must be a condition function (Fn::Equals, ...), got '{other}'."),
            };
        }

        switch (function)
        {
            case "Condition":
                return Condition((string)argument!);
            case "Fn::Equals":
                var pair = Arguments(argument, "Fn::Equals", 2);
                return Equals(Comparable(Resolve(pair[0])), Comparable(Resolve(pair[1])));
            case "Fn::Not":
                return !IsTrue(Arguments(argument, "Fn::Not", 1)[0], where);
            case "Fn::And":
                return TemplateValue.List(argument, "Fn::And").All(item => IsTrue(item, where));
            case "Fn::Or":
                return TemplateValue.List(argument, "Fn::Or").Any(item => IsTrue(item, where));
            default:
                return IsTrue(Resolve(expression), where);
        }
    }

    // Fn::Equals compares values as CloudFormation does: a list by its items, everything else by its text.
    private static string Comparable(object? value) => value switch
    {
        IReadOnlyList<object?> list => "[" + string.Join(",", list.Select(Comparable)) + "]",
        null => "",
        _ => value.ToString() ?? "",
    };

    private string Sub(object? argument)
    {
        var (template, variablesNode) = argument switch
        {
            string text => (text, null),
            IReadOnlyList<object?> { Count: 2 } pair => (Text(pair[0], "Fn::Sub template"), pair[1]),
            _ => throw new TemplateException("template.yaml: Fn::Sub takes a string, or a list of a string and a mapping of variables."),
        };
        var variables = TemplateValue.OptionalMap(Resolve(variablesNode), "Fn::Sub variables");

        return SubPlaceholder().Replace(template, match =>
        {
            var name = match.Groups[1].Value.Trim();
            if (name.StartsWith('!'))
                return "${" + name[1..] + "}";
            if (variables.TryGetValue(name, out var variable))
                return Text(variable, $"Fn::Sub variable {name}");
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && !name.StartsWith("AWS::", StringComparison.Ordinal) && !_resources.IsResource(name))
                return _resources.GetAtt(name[..dot], name[(dot + 1)..]);
            return Text(Ref(name), $"Fn::Sub ${{{name}}}");
        });
    }

    private string GetAtt(object? argument)
    {
        var args = Arguments(argument, "Fn::GetAtt", 2);
        return _resources.GetAtt(Text(args[0], "Fn::GetAtt resource"), Text(Resolve(args[1]), "Fn::GetAtt attribute"));
    }

    private string Join(object? argument)
    {
        var args = Arguments(argument, "Fn::Join", 2);
        var items = TemplateValue.List(Resolve(args[1]), "Fn::Join list");
        return string.Join(Text(args[0], "Fn::Join delimiter"), items.Select(item => Text(item, "Fn::Join item")));
    }

    private List<object?> Split(object? argument)
    {
        var args = Arguments(argument, "Fn::Split", 2);
        var delimiter = Text(args[0], "Fn::Split delimiter");
        return Text(Resolve(args[1]), "Fn::Split source").Split(delimiter).Cast<object?>().ToList();
    }

    private object? Select(object? argument)
    {
        var args = Arguments(argument, "Fn::Select", 2);
        var index = TemplateValue.WholeNumber(Resolve(args[0]), "Fn::Select index");
        var items = TemplateValue.List(Resolve(args[1]), "Fn::Select list");
        return index >= 0 && index < items.Count
            ? items[index]
            : throw new TemplateException($"template.yaml: Fn::Select index {index} is outside a list of {items.Count}.");
    }

    private object? FindInMap(object? argument)
    {
        var args = Arguments(argument, "Fn::FindInMap", 3);
        var mapName = Text(Resolve(args[0]), "Fn::FindInMap map name");
        var topKey = Text(Resolve(args[1]), "Fn::FindInMap top-level key");
        var secondKey = Text(Resolve(args[2]), "Fn::FindInMap second-level key");
        var map = TemplateValue.Map(TemplateValue.Get(_mappings, mapName), $"Mappings.{mapName}");
        var top = TemplateValue.Map(TemplateValue.Get(map, topKey), $"Mappings.{mapName}.{topKey}");
        return top.TryGetValue(secondKey, out var value)
            ? Resolve(value)
            : throw new TemplateException($"template.yaml: Mappings.{mapName}.{topKey} has no key '{secondKey}'.");
    }

    private List<object?> AvailabilityZones(object? argument)
    {
        var region = Text(Resolve(argument) ?? "", "Fn::GetAZs region");
        region = region.Length == 0 ? PseudoParameters.Region : region;
        return ZoneLetters.Select(zone => (object?)(region + zone)).ToList();
    }

    // Fn::Cidr [block, count, hostBits]: the first `count` subnets of `block` with `hostBits` host bits each.
    private List<object?> Cidr(object? argument)
    {
        var args = Arguments(argument, "Fn::Cidr", 3);
        var block = Text(Resolve(args[0]), "Fn::Cidr block");
        var count = TemplateValue.WholeNumber(Resolve(args[1]), "Fn::Cidr count");
        var hostBits = TemplateValue.WholeNumber(Resolve(args[2]), "Fn::Cidr host bits");
        if (!IPNetwork.TryParse(block, out var network))
            throw new TemplateException($"template.yaml: Fn::Cidr block '{block}' is not a CIDR block.");

        var width = network.BaseAddress.GetAddressBytes().Length * 8;
        var prefix = width - hostBits;
        if (hostBits <= 0 || prefix < network.PrefixLength || count < 1 || BigInteger.Pow(2, prefix - network.PrefixLength) < count)
            throw new TemplateException($"template.yaml: Fn::Cidr cannot cut {count} subnets with {hostBits} host bits out of {block}.");

        var start = new BigInteger(network.BaseAddress.GetAddressBytes(), isUnsigned: true, isBigEndian: true);
        return Enumerable.Range(0, count).Select(i =>
        {
            var address = (start + (BigInteger.One << hostBits) * i).ToByteArray(isUnsigned: true, isBigEndian: true);
            var bytes = new byte[width / 8];
            address.CopyTo(bytes, bytes.Length - address.Length);
            return (object?)string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/{prefix}");
        }).ToList();
    }

    private static IReadOnlyList<object?> Arguments(object? argument, string function, int count)
    {
        var args = argument as IReadOnlyList<object?>;
        return args?.Count == count
            ? args
            : throw new TemplateException($"template.yaml: {function} takes a list of {count} arguments.");
    }

    private string Text(object? value, string where) => Resolve(value) switch
    {
        string text => text,
        var other => throw new TemplateException($"template.yaml: {where} must be a string, got {(other is null ? "nothing" : "a list or mapping")}."),
    };

    private static string Bool(bool value) => value ? "true" : "false";

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex SubPlaceholder();
}
