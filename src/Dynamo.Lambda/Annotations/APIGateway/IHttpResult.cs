using System.Net;
using Amazon.Lambda.Core;

namespace Amazon.Lambda.Annotations.APIGateway;

/// <summary>How a generated handler asks an <see cref="IHttpResult"/> for the proxy response.</summary>
public class HttpResultSerializationOptions
{
    public enum ProtocolFormat
    {
        RestApi,
        HttpApi,
    }

    public enum ProtocolVersion
    {
        V1,
        V2,
    }

    public ProtocolFormat Format { get; set; }

    public ProtocolVersion Version { get; set; }

    /// <summary>The assembly's <c>[LambdaSerializer]</c>: it writes a body that is neither text nor bytes.</summary>
    public ILambdaSerializer? Serializer { get; set; }
}

/// <summary>An HTTP answer of a RestApi function, built with <see cref="HttpResults"/>.</summary>
public interface IHttpResult
{
    HttpStatusCode StatusCode { get; }

    /// <summary>The proxy response as JSON: what the generated handler returns to Lambda.</summary>
    Stream Serialize(HttpResultSerializationOptions options);

    /// <summary>Adds a value of a response header (names are lower-cased); returns this result for chaining.</summary>
    IHttpResult AddHeader(string name, string value);
}
