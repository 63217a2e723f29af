using System.Text;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>
/// The proxy response of a RestApi function that returns no IHttpResult, as Amazon.Lambda.Annotations' generated code
/// builds it: 200, and the value as <c>text/plain</c> (a string) or as JSON through the serializer.
/// </summary>
public static class ProxyResponses
{
    public static Stream Write(ILambdaSerializer serializer, APIGatewayProxyResponse response)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        var stream = new MemoryStream();
        serializer.Serialize(response, stream);
        stream.Position = 0;
        return stream;
    }

    public static Stream Text(ILambdaSerializer serializer, string? body) => Write(serializer, new APIGatewayProxyResponse
    {
        Body = body,
        Headers = new Dictionary<string, string> { ["Content-Type"] = "text/plain" },
        StatusCode = 200,
    });

    public static Stream Json<T>(ILambdaSerializer serializer, T body)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        using var json = new MemoryStream();
        serializer.Serialize(body, json);
        return Write(serializer, new APIGatewayProxyResponse
        {
            Body = Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length),
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            StatusCode = 200,
        });
    }
}
