using System.Text.Json.Nodes;

namespace Dynamo.Testing;

/// <summary>
/// API Gateway events written after AWS's documented examples (Events/*.json): a REST proxy event
/// (payload format 1.0) and a REQUEST authorizer event, with helpers to vary what a test is about.
/// </summary>
public static class EventFixtures
{
    public const string RestProxy = "rest-proxy-event.json";
    public const string RequestAuthorizer = "request-authorizer-event.json";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Events", name));

    /// <summary>
    /// The event as a tree. A proxy event's <c>requestTimeEpoch</c> is now, as API Gateway stamps it on arrival: the
    /// file's example time would be a request the gateway gave up on long ago, with no write budget left.
    /// </summary>
    public static JsonObject Node(string name)
    {
        var node = JsonNode.Parse(Text(name))!.AsObject();
        if (node["requestContext"] is JsonObject context && context.ContainsKey("requestTimeEpoch"))
            context["requestTimeEpoch"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return node;
    }

    /// <summary>The REQUEST authorizer event from the given source address (null removes it), with any extra headers.</summary>
    public static byte[] AuthorizerEvent(string? sourceIp, IReadOnlyDictionary<string, string>? headers = null)
    {
        var node = Node(RequestAuthorizer);
        var identity = node["requestContext"]!["identity"]!.AsObject();
        if (sourceIp is null) identity.Remove("sourceIp");
        else identity["sourceIp"] = sourceIp;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            node["headers"]![name] = value;
            node["multiValueHeaders"]![name] = new JsonArray(value);
        }
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
