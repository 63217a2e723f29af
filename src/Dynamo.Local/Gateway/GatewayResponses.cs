using System.Text.Json;
using Dynamo.Contracts;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Gateway;

/// <summary>
/// What the gateway answers itself, before or instead of a function: the contract's JSON error body, the status
/// API Gateway gives that failure, and its <c>x-amzn-ErrorType</c> header.
/// </summary>
public sealed record GatewayResponse(int StatusCode, string ErrorType, string AwsErrorType, string Message)
{
    /// <summary>No resource and method match: API Gateway's MISSING_AUTHENTICATION_TOKEN (403), which the contract maps to 404.</summary>
    public static GatewayResponse UnknownRoute(string method, string path) =>
        new(StatusCodes.Status404NotFound, ErrorTypes.NotFound, "MissingAuthenticationTokenException",
            $"No route matches {method} {path}: check the method, the stage and the path.");

    /// <summary>API Gateway refuses payloads over 10 MB (REQUEST_TOO_LARGE).</summary>
    public static GatewayResponse RequestTooLarge(int limitBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorTypes.PayloadTooLarge, "RequestTooLargeException",
            $"The request body is over API Gateway's {limitBytes / (1024 * 1024)} MB limit: split it and resend.");

    /// <summary>The function failed or crashed (Lambda error: API Gateway's 502).</summary>
    public static GatewayResponse FunctionFailed(string functionError) =>
        new(StatusCodes.Status502BadGateway, ErrorTypes.Internal, "InternalServerErrorException",
            $"Internal server error: the function failed ({functionError}); resend the request with backoff.");

    /// <summary>The function answered something that is not a proxy response (API Gateway's 502).</summary>
    public static GatewayResponse MalformedResponse() =>
        new(StatusCodes.Status502BadGateway, ErrorTypes.Internal, "InternalServerErrorException",
            "Internal server error: the function's response is not a valid proxy integration response.");

    public async Task WriteAsync(HttpResponse http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.StatusCode = StatusCode;
        http.ContentType = "application/json";
        http.Headers["x-amzn-ErrorType"] = AwsErrorType;
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorResponse(Message, ErrorType), ContractsJsonContext.Default.ErrorResponse);
        http.ContentLength = body.Length;
        await http.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }
}
