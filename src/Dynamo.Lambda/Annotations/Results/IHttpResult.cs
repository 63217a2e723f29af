using System.Net;
using Dynamo.Lambda.Events;

namespace Dynamo.Lambda.Annotations.Results;

/// <summary>
/// An HTTP answer of a RestApi function, built with <see cref="HttpResults"/>. Its body is already text: a JSON
/// body was serialized through the <c>JsonTypeInfo</c> it was built with, so nothing is left for reflection.
/// </summary>
public interface IHttpResult
{
    HttpStatusCode StatusCode { get; }

    /// <summary>Adds (or replaces) a response header; returns this result for chaining.</summary>
    IHttpResult AddHeader(string name, string value);

    /// <summary>The proxy integration response API Gateway turns into the HTTP response.</summary>
    APIGatewayProxyResponse ToProxyResponse();
}
