using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Serialization.SystemTextJson;
using Dynamo.Contracts;

namespace Dynamo.Functions;

/// <summary>
/// The functions' one serializer: the API Gateway events and every wire type, source-generated (trim- and AOT-safe).
/// Lambda's serializer builds the context with its own options, so the wire types' camelCase is set here
/// (docs/http-api.md); IAM's PascalCase policy members keep their explicit names.
/// </summary>
public sealed class FunctionsJsonSerializer() : SourceGeneratorLambdaJsonSerializer<FunctionsJsonContext>(
    options => options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase);

[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerRequest))]
[JsonSerializable(typeof(APIGatewayCustomAuthorizerResponse))]
// HttpResults hands its body to the serializer as an object; the runtime type's entry below writes it.
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(DatasetList))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class FunctionsJsonContext : JsonSerializerContext;
