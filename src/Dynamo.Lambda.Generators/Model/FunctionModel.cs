namespace Dynamo.Lambda.Generators.Model;

internal enum EventKind { RestApi, Authorizer }

internal enum Awaiting { None, Task, ValueTask }

internal enum ResultKind { Void, HttpResult, ProxyResponse, Text, Json, AuthorizerResponse }

/// <summary>A [LambdaFunction] method as the generator needs it: strings and flags only, compared by value.</summary>
internal sealed record FunctionModel(
    string ContainingType,
    string ContainingNamespace,
    string DisplayName,
    bool IsStatic,
    string MethodName,
    string ResourceName,
    string Handler,
    int? MemorySize,
    int? Timeout,
    EquatableArray<string> Policies,
    EquatableArray<EnvironmentVariable> Environment,
    EventKind Event,
    string? HttpMethod,
    string? Path,
    string? RouteAuthorizer,
    AuthorizerModel? Authorizer,
    EquatableArray<ParameterModel> Parameters,
    Awaiting Awaiting,
    ResultKind Result,
    string? ResultType,
    EquatableArray<string> ConstructorParameters,
    EquatableArray<JsonTypeUse> JsonTypes,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? Location);

internal sealed record AuthorizerModel(string Name, string Type, string IdentityHeader, int ResultTtlInSeconds);

internal sealed record EnvironmentVariable(string Name, string Value);

/// <summary>A type the function reads or writes as JSON: the [LambdaSerializer]'s context must list it.</summary>
internal sealed record JsonTypeUse(string Type, LocationInfo? Location);
