using System.Text.Json.Serialization;

namespace Dynamo.Local.Gateway.Events;

/// <summary>The source-generated serializer of the API Gateway events: camelCase, absent members left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerRequest))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerResponse))]
public sealed partial class APIGatewayJsonContext : JsonSerializerContext;
