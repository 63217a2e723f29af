using System.Buffers;
using System.Text.Json;
using Dynamo.Lambda.Events;
using Dynamo.Lambda.Generated;
using Dynamo.Lambda.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Dynamo.Functions.Tests;

/// <summary>Invokes a function through its generated handler (binding, filters, result mapping), with test services put in.</summary>
internal static class GeneratedHandlers
{
    public static async Task<APIGatewayProxyResponse> Call(string handler, APIGatewayProxyRequest request, Action<IServiceCollection> replace) =>
        (await CallMeasured(handler, request, replace)).Response;

    /// <summary>The response, and its size as the function posts it to Lambda (what Lambda's 6 MB limit counts).</summary>
    public static async Task<(APIGatewayProxyResponse Response, int Bytes)> CallMeasured(
        string handler, APIGatewayProxyRequest request, Action<IServiceCollection> replace)
    {
        var function = LambdaFunctions.Catalog.Create(new FunctionEnvironment { RuntimeApi = "127.0.0.1:1", Handler = handler }, replace);
        var response = new ArrayBufferWriter<byte>();
        await function(JsonSerializer.SerializeToUtf8Bytes(request, APIGatewayJsonContext.Default.APIGatewayProxyRequest), response, new TestLambdaContext(), default);
        return (JsonSerializer.Deserialize(response.WrittenSpan, APIGatewayJsonContext.Default.APIGatewayProxyResponse)!, response.WrittenCount);
    }
}
