namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>
/// <c>requestContext.authorizer</c> of a proxy event: <c>principalId</c>, the authorizer's <c>context</c> entries and
/// <c>integrationLatency</c>. Values are not all strings; read from JSON they are <c>JsonElement</c>s.
/// </summary>
public class APIGatewayCustomAuthorizerContext : Dictionary<string, object>;
