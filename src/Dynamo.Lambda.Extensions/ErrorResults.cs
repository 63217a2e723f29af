using System.Net;
using Amazon.Lambda.Annotations.APIGateway;
using Dynamo.Contracts;

namespace Dynamo.Lambda.Extensions;

/// <summary>The API's error answers (docs/http-api.md): an <see cref="ErrorResponse"/> body, its type also in <c>x-amzn-ErrorType</c>.</summary>
public static class ErrorResults
{
    /// <summary>The header API Gateway and Amazon.Lambda.Annotations name an error's type in.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static IHttpResult Of(HttpStatusCode statusCode, string message, string type) =>
        HttpResults.NewResult(statusCode, new ErrorResponse(message, type)).AddHeader(ErrorTypeHeader, type);
}
