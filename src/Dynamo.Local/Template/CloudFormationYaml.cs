using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dynamo.Local.Template;

/// <summary>
/// Reads a CloudFormation YAML document into the tree its JSON form would give: scalars as strings (or null),
/// sequences as lists, mappings as ordered dictionaries, and every short tag (<c>!Ref</c>, <c>!Sub</c>, ...)
/// rewritten to its long form (<c>{ "Ref": ... }</c>, <c>{ "Fn::Sub": ... }</c>), so one evaluator handles both.
/// </summary>
public static class CloudFormationYaml
{
    // The short forms CloudFormation's YAML accepts, each standing for "Fn::" + its name (Ref and Condition excepted).
    private static readonly HashSet<string> FunctionTags =
    [
        "Base64", "Cidr", "FindInMap", "GetAZs", "GetAtt", "If", "ImportValue", "Join", "Select", "Split", "Sub",
        "Transform", "Equals", "Not", "And", "Or", "Length", "ToJsonString",
    ];

    public static Dictionary<string, object?> Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new TemplateException($"template.yaml is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode)
            throw new TemplateException("template.yaml must hold one YAML document whose top level is a mapping (Parameters, Resources, ...).");
        return (Dictionary<string, object?>)Convert(stream.Documents[0].RootNode)!;
    }

    private static object? Convert(YamlNode node)
    {
        var tag = node.Tag;
        var plain = Untagged(node);
        if (tag.IsEmpty || tag.IsNonSpecific || !tag.Value.StartsWith('!') || tag.Value.StartsWith("!!", StringComparison.Ordinal))
            return plain;

        var name = tag.Value[1..];
        return name switch
        {
            "Ref" => new Dictionary<string, object?> { ["Ref"] = plain },
            "Condition" => new Dictionary<string, object?> { ["Condition"] = plain },
            // !GetAtt Resource.Attribute: the attribute may itself hold dots (Endpoint.Address), the resource not.
            "GetAtt" when plain is string dotted => new Dictionary<string, object?> { ["Fn::GetAtt"] = SplitGetAtt(dotted, node) },
            _ when FunctionTags.Contains(name) => new Dictionary<string, object?> { ["Fn::" + name] = plain },
            _ => throw new TemplateException($"template.yaml line {node.Start.Line}: unknown tag '{tag.Value}' (CloudFormation's short forms are !Ref, !Sub, !GetAtt, !If, ...)."),
        };
    }

    private static object? Untagged(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Scalar(scalar),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlMappingNode mapping => Mapping(mapping),
        _ => throw new TemplateException($"template.yaml line {node.Start.Line}: aliases and anchors are not supported by CloudFormation."),
    };

    private static string? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        // A plain empty value, ~ or null is YAML's null; anything quoted stays the string it is.
        if (scalar.Style == ScalarStyle.Plain && (value.Length == 0 || value == "~" || value == "null" || value == "Null" || value == "NULL"))
            return null;
        return value;
    }

    private static Dictionary<string, object?> Mapping(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
                throw new TemplateException($"template.yaml line {key.Start.Line}: a mapping key must be a plain string.");
            if (!result.TryAdd(name, Convert(value)))
                throw new TemplateException($"template.yaml line {key.Start.Line}: the key '{name}' appears twice in the same mapping.");
        }
        return result;
    }

    private static List<object?> SplitGetAtt(string dotted, YamlNode node)
    {
        var dot = dotted.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == dotted.Length - 1)
            throw new TemplateException(string.Create(CultureInfo.InvariantCulture,
                $"template.yaml line {node.Start.Line}: !GetAtt needs Resource.Attribute, got '{dotted}'."));
        return [dotted[..dot], dotted[(dot + 1)..]];
    }
}
