using Amazon.Lambda.Annotations.APIGateway;

namespace Dynamo.Lambda.Annotations.Manifest;

/// <summary>
/// A function as its attributes declare it, generated into the functions' assembly: the one source of
/// <c>serverless.template</c> and of the drift test against template.yaml.
/// </summary>
public sealed record FunctionDescription
{
    /// <summary>The CloudFormation logical id.</summary>
    public required string ResourceName { get; init; }
    /// <summary>The method's name: the value of <c>ANNOTATIONS_HANDLER</c> that selects this function in the executable.</summary>
    public required string Handler { get; init; }
    /// <summary>The method, for event names and messages: <c>IngestFunctions.PostRows</c>.</summary>
    public required string Method { get; init; }
    /// <summary>Megabytes; null leaves Lambda's default.</summary>
    public int? MemorySize { get; init; }
    /// <summary>Seconds; null leaves Lambda's default.</summary>
    public int? Timeout { get; init; }
    public IReadOnlyList<string> Policies { get; init; } = [];
    /// <summary>The startup's variables, then the function's own (which win).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];
    public IReadOnlyList<RestApiRoute> Routes { get; init; } = [];
    /// <summary>Set when this function is the REST API's authorizer.</summary>
    public AuthorizerDescription? Authorizer { get; init; }
}

/// <summary>A route of the REST API: <c>post</c> <c>/datasets/{dataset}/rows</c>; <see cref="Authorizer"/> null means anyone may call it.</summary>
public sealed record RestApiRoute(string EventName, string Method, string Path, string? Authorizer)
{
    public bool IsOpen => Authorizer is null;
}

/// <summary>A Lambda authorizer of the REST API.</summary>
public sealed record AuthorizerDescription(string Name, RestApiAuthorizerType Type, string IdentityHeader, int ResultTtlInSeconds);
