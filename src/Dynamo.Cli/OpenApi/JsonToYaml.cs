using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Dynamo.Cli.OpenApi;

/// <summary>
/// A JSON tree as YAML, for files people read (docs/openapi.yaml). YamlDotNet's emitter chooses each scalar's style;
/// only strings that a YAML reader would take for something else (200, true, null, an empty string) are forced into
/// quotes, so that the YAML means exactly the JSON.
/// </summary>
internal static partial class JsonToYaml
{
    public static string Write(JsonNode root)
    {
        var stream = new YamlStream(new YamlDocument(Node(root)));
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(text, assignAnchors: false);
        // YamlDotNet ends a document with "...": a single-document file needs no end marker.
        var yaml = text.ToString();
        return yaml.EndsWith("...\n", StringComparison.Ordinal) ? yaml[..^4] : yaml;
    }

    private static YamlNode Node(JsonNode? node) => node switch
    {
        JsonObject map => new YamlMappingNode(map.Select(p => new KeyValuePair<YamlNode, YamlNode>(Text(p.Key), Node(p.Value)))),
        JsonArray list => new YamlSequenceNode(list.Select(Node)),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => Text(value.GetValue<string>()),
            JsonValueKind.True => new YamlScalarNode("true"),
            JsonValueKind.False => new YamlScalarNode("false"),
            _ => new YamlScalarNode(value.ToJsonString()),
        },
        _ => new YamlScalarNode("null"),
    };

    private static YamlScalarNode Text(string text) =>
        LooksLikeAnotherType().IsMatch(text) ? new YamlScalarNode(text) { Style = ScalarStyle.DoubleQuoted } : new YamlScalarNode(text);

    // YAML 1.1 and 1.2 core-schema scalars that are not strings: numbers, booleans (yes/no/on/off too), null, empty.
    [GeneratedRegex(@"^$|^[-+]?(\.?[0-9]|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)|^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")]
    private static partial Regex LooksLikeAnotherType();
}
