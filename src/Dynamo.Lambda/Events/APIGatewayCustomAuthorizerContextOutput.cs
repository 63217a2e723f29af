namespace Amazon.Lambda.APIGatewayEvents;

/// <summary>The <c>context</c> an authorizer returns: string, number or boolean values only (API Gateway's rule).</summary>
public class APIGatewayCustomAuthorizerContextOutput : Dictionary<string, object>;
