using System.Buffers;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Lambda.Extensions.Filters;
using Dynamo.Lambda.Generated;
using Dynamo.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Functions.Tests;

/// <summary>Invokes a function through its generated handler (binding, the call, result mapping), with test services put in.</summary>
internal static class GeneratedHandlers
{
    private static readonly FunctionsJsonSerializer Json = new();

    public static async Task<APIGatewayProxyResponse> Call(string handler, APIGatewayProxyRequest request, Action<IServiceCollection> replace) =>
        (await CallMeasured(handler, request, replace)).Response;

    /// <summary>The response, and its size as the function posts it to Lambda (what Lambda's 6 MB limit counts).</summary>
    public static async Task<(APIGatewayProxyResponse Response, int Bytes)> CallMeasured(
        string handler, APIGatewayProxyRequest request, Action<IServiceCollection> replace)
    {
        var function = LambdaFunctions.Catalog.Create(new FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = handler }, replace);
        using var @event = new MemoryStream();
        Json.Serialize(request, @event);
        var response = new ArrayBufferWriter<byte>();
        await function(@event.ToArray(), response, new TestLambdaContext(), default);
        return (Json.Deserialize<APIGatewayProxyResponse>(new MemoryStream(response.WrittenMemory.ToArray())), response.WrittenCount);
    }

    /// <summary>The filters Startup registers for every API function (the JSON 500).</summary>
    public static InvocationFilters Filters() => new([new UnexpectedErrorFilter()]);

    /// <summary>The proxy response a generated handler would make of <paramref name="result"/>.</summary>
    public static APIGatewayProxyResponse ToResponse(this IHttpResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new HttpResultSerializationOptions
        {
            Format = HttpResultSerializationOptions.ProtocolFormat.RestApi,
            Version = HttpResultSerializationOptions.ProtocolVersion.V1,
            Serializer = Json,
        };
        return Json.Deserialize<APIGatewayProxyResponse>(result.Serialize(options));
    }

    /// <summary>A response header by name, whether the function sent it single- or multi-valued (names are case-insensitive).</summary>
    public static string? Header(this APIGatewayProxyResponse response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.MultiValueHeaders?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } values)
            return string.Join(",", values);
        return response.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }
}
