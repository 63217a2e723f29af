namespace Dynamo.Lambda.Generators.Model;

internal enum ParameterSource { Route, Query, Header, Body, Services, Context, Event }

internal enum BodyKind { Text, Json }

/// <summary>One parameter and where its value comes from; <see cref="Key"/> names it in the event.</summary>
internal sealed record ParameterModel(string Name, string Type, ParameterSource Source, string Key, BodyKind Body);
