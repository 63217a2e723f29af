namespace Dynamo.Local.Template;

/// <summary>
/// SAM's Globals section merged into a resource's Properties, by SAM's rules: the resource's own scalar wins,
/// mappings merge key by key (recursively), lists are the global items followed by the resource's. An
/// intrinsic function on either side counts as a scalar.
/// </summary>
public static class SamGlobals
{
    public static IReadOnlyDictionary<string, object?> Merge(IReadOnlyDictionary<string, object?> globals, IReadOnlyDictionary<string, object?> properties) =>
        (IReadOnlyDictionary<string, object?>)MergeValue(globals, properties)!;

    private static object? MergeValue(object? global, object? local)
    {
        if (TemplateValue.IsIntrinsic(global, out _, out _) || TemplateValue.IsIntrinsic(local, out _, out _))
            return local ?? global;

        return (global, local) switch
        {
            (IReadOnlyDictionary<string, object?> g, IReadOnlyDictionary<string, object?> l) => g.Keys.Union(l.Keys)
                .ToDictionary(
                    key => key,
                    key => MergeValue(TemplateValue.Get(g, key), TemplateValue.Get(l, key)),
                    StringComparer.Ordinal),
            (IReadOnlyList<object?> g, IReadOnlyList<object?> l) => g.Concat(l).ToList(),
            _ => local ?? global,
        };
    }
}
