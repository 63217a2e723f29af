namespace Dynamo.Lambda.Generators.Model;

internal enum ParameterSource { Route, Query, Header, Body, Services, Context, CancellationToken, Event }

/// <summary>How a text value (route, query, header) becomes the parameter's type.</summary>
internal enum Conversion { Parsable, Enum }

/// <summary>What happens when a text value is absent.</summary>
internal enum Presence { Required, Fallback, NullableValue }

internal enum BodyKind { Text, Stream, Bytes, ByteArray, Json }

/// <summary>One parameter and where its value comes from.</summary>
internal sealed record ParameterModel(
    string Name,
    string Type,
    ParameterSource Source,
    string Key,
    Conversion Conversion,
    Presence Presence,
    string ValueType,
    string? Fallback,
    BodyKind Body,
    bool Optional);
