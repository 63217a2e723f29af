using System.Globalization;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using Dynamo.Contracts;

namespace Dynamo.Lambda.Annotations.Results;

/// <summary>
/// The answers of RestApi functions, as Amazon.Lambda.Annotations names them. A JSON body comes with its
/// source-generated <see cref="JsonTypeInfo{T}"/> (trim- and AOT-safe); a string body is sent as text.
/// </summary>
public static class HttpResults
{
    public const string JsonContentType = "application/json";
    public const string TextContentType = "text/plain; charset=utf-8";
    /// <summary>The header API Gateway and Amazon.Lambda.Annotations name an error's type in.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static IHttpResult NewResult(HttpStatusCode statusCode) => new HttpResult(statusCode, null, null);

    public static IHttpResult NewResult(HttpStatusCode statusCode, string body) => new HttpResult(statusCode, body, TextContentType);

    public static IHttpResult NewResult<T>(HttpStatusCode statusCode, T body, JsonTypeInfo<T> type) =>
        new HttpResult(statusCode, MinimalJsonEscaping.Serialize(body, type), JsonContentType);

    /// <summary>
    /// An error whose body is an <see cref="ErrorResponse"/> and whose type is also in <see cref="ErrorTypeHeader"/>.
    /// </summary>
    public static IHttpResult Error(HttpStatusCode statusCode, string message, string type) =>
        NewResult(statusCode, new ErrorResponse(message, type), ContractsJsonContext.Default.ErrorResponse).AddHeader(ErrorTypeHeader, type);

    public static IHttpResult Ok() => NewResult(HttpStatusCode.OK);
    public static IHttpResult Ok<T>(T body, JsonTypeInfo<T> type) => NewResult(HttpStatusCode.OK, body, type);

    public static IHttpResult Created(string? location = null) => WithLocation(NewResult(HttpStatusCode.Created), location);
    public static IHttpResult Created<T>(string? location, T body, JsonTypeInfo<T> type) => WithLocation(NewResult(HttpStatusCode.Created, body, type), location);

    public static IHttpResult Accepted() => NewResult(HttpStatusCode.Accepted);
    public static IHttpResult Accepted<T>(T body, JsonTypeInfo<T> type) => NewResult(HttpStatusCode.Accepted, body, type);

    public static IHttpResult NoContent() => NewResult(HttpStatusCode.NoContent);

    public static IHttpResult BadRequest() => NewResult(HttpStatusCode.BadRequest);
    public static IHttpResult BadRequest<T>(T body, JsonTypeInfo<T> type) => NewResult(HttpStatusCode.BadRequest, body, type);

    public static IHttpResult Unauthorized() => NewResult(HttpStatusCode.Unauthorized);

    public static IHttpResult Forbid() => NewResult(HttpStatusCode.Forbidden);
    public static IHttpResult Forbid<T>(T body, JsonTypeInfo<T> type) => NewResult(HttpStatusCode.Forbidden, body, type);

    public static IHttpResult NotFound() => NewResult(HttpStatusCode.NotFound);
    public static IHttpResult NotFound<T>(T body, JsonTypeInfo<T> type) => NewResult(HttpStatusCode.NotFound, body, type);

    public static IHttpResult Conflict() => NewResult(HttpStatusCode.Conflict);
    public static IHttpResult Conflict<T>(T body, JsonTypeInfo<T> type) => NewResult(HttpStatusCode.Conflict, body, type);

    public static IHttpResult InternalServerError() => NewResult(HttpStatusCode.InternalServerError);
    public static IHttpResult InternalServerError<T>(T body, JsonTypeInfo<T> type) => NewResult(HttpStatusCode.InternalServerError, body, type);

    public static IHttpResult BadGateway() => NewResult(HttpStatusCode.BadGateway);

    /// <summary>503, with <c>Retry-After</c> when <paramref name="delaySeconds"/> is given.</summary>
    public static IHttpResult ServiceUnavailable(int? delaySeconds = null) => WithRetryAfter(NewResult(HttpStatusCode.ServiceUnavailable), delaySeconds);
    public static IHttpResult ServiceUnavailable<T>(T body, JsonTypeInfo<T> type, int? delaySeconds = null) =>
        WithRetryAfter(NewResult(HttpStatusCode.ServiceUnavailable, body, type), delaySeconds);

    private static IHttpResult WithLocation(IHttpResult result, string? location) =>
        location is null ? result : result.AddHeader("Location", location);

    private static IHttpResult WithRetryAfter(IHttpResult result, int? delaySeconds) =>
        delaySeconds is { } seconds ? result.AddHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)) : result;
}
