namespace Dynamo.Lambda.Generators.Model;

/// <summary>The [LambdaStartup] class: its type and the variables of every function.</summary>
internal sealed record StartupModel(
    string Type,
    EquatableArray<EnvironmentVariable> Environment,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? Location);

/// <summary>
/// The assembly's <c>[assembly: LambdaSerializer]</c> and <c>[assembly: LambdaGlobalProperties]</c>: the serializer
/// type, the [JsonSerializable] types of its source-generated context (null when it has none the generator can read),
/// and whether to write <c>Main</c>.
/// </summary>
internal sealed record AssemblyModel(string? Serializer, EquatableArray<string>? SerializableTypes, bool GenerateMain);
