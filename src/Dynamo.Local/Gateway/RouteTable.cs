using Dynamo.Local.Template;

namespace Dynamo.Local.Gateway;

/// <summary>A route that matched a request, with the values of its path parameters.</summary>
public sealed record RouteMatch(ApiRoute Route, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// The template's routes, matched as API Gateway matches REST resources: paths are case-sensitive, a
/// <c>{name}</c> segment takes one non-empty segment, <c>{name+}</c> takes the rest of the path, literal
/// segments win over parameters, and method <c>ANY</c> takes every method. Written here rather than with
/// ASP.NET Core's route templates, whose literals match case-insensitively.
/// </summary>
public sealed class RouteTable(IEnumerable<ApiRoute> routes)
{
    private readonly IReadOnlyList<(ApiRoute Route, string[] Segments)> _routes =
        [.. routes.Select(route => (route, Split(route.PathTemplate)))
                  .OrderByDescending(entry => entry.Item2.Count(segment => !segment.StartsWith('{')))];

    /// <summary>The route for a path below the stage (e.g. <c>/datasets/orders/rows</c>), or null.</summary>
    public RouteMatch? Match(string method, string path)
    {
        var segments = Split(path);
        // An empty segment inside the path ("datasets//orders") is no resource; only a trailing slash is forgiven.
        if (Array.IndexOf(segments, "") >= 0) return null;
        foreach (var (route, template) in _routes)
        {
            if (route.Method != "ANY" && !string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
                continue;
            if (TryMatch(template, segments) is { } parameters)
                return new RouteMatch(route, parameters);
        }
        return null;
    }

    private static Dictionary<string, string>? TryMatch(string[] template, string[] segments)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            var part = template[i];
            if (part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= segments.Length) return null;
                parameters[part[1..^2]] = string.Join('/', segments[i..]);
                return parameters;
            }
            if (i >= segments.Length) return null;
            if (part.StartsWith('{') && part.EndsWith('}'))
                parameters[part[1..^1]] = segments[i];
            else if (!string.Equals(part, segments[i], StringComparison.Ordinal))
                return null;
        }
        return template.Length == segments.Length ? parameters : null;
    }

    private static string[] Split(string path)
    {
        var trimmed = path.StartsWith('/') ? path[1..] : path;
        if (trimmed.EndsWith('/')) trimmed = trimmed[..^1];
        return trimmed.Length == 0 ? [] : trimmed.Split('/');
    }
}
