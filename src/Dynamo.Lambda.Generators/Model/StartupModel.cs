namespace Dynamo.Lambda.Generators.Model;

/// <summary>The [LambdaStartup] class: its services method, its JSON contexts and the variables of every function.</summary>
internal sealed record StartupModel(
    string Type,
    bool StaticConfigureServices,
    EquatableArray<SerializerContextModel> Contexts,
    EquatableArray<EnvironmentVariable> Environment,
    EquatableArray<DiagnosticInfo> Diagnostics,
    LocationInfo? Location);

/// <summary>A JsonSerializerContext and the types its [JsonSerializable] attributes list.</summary>
internal sealed record SerializerContextModel(string Type, EquatableArray<string> SerializableTypes);
