namespace Dynamo.Local.Template;

/// <summary>
/// One of the API's gateway responses as template.yaml customizes it (SAM's <c>GatewayResponses</c>): the response
/// type it replaces (THROTTLED, INTEGRATION_TIMEOUT, DEFAULT_5XX, ...), its status code if set, its static headers
/// (<c>ResponseParameters.Headers</c>, the quotes of <c>'value'</c> removed) and its mapping templates by content type.
/// </summary>
public sealed record GatewayResponseDefinition(
    string ResponseType,
    int? StatusCode,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Templates);
