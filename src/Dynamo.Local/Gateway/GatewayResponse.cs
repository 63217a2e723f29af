using System.Globalization;

namespace Dynamo.Local.Gateway;

/// <summary>
/// A failure API Gateway answers itself, before or instead of a function: its gateway response type, the status
/// API Gateway gives it when the template does not customize the type, its <c>x-amzn-ErrorType</c> header, and
/// <c>$context.error.message</c>. The body and headers come from the template (<see cref="GatewayResponses"/>).
/// Types and default statuses: API Gateway's "Gateway response types for API Gateway".
/// </summary>
public sealed record GatewayResponse(string ResponseType, int DefaultStatusCode, string AwsErrorType, string Message)
{
    public const string Default4xx = "DEFAULT_4XX";
    public const string Default5xx = "DEFAULT_5XX";
    /// <summary><see cref="Limit"/> of a THROTTLED answer from an API key's usage plan.</summary>
    public const string UsagePlanLimit = "usage-plan";
    /// <summary><see cref="Limit"/> of a THROTTLED answer from the stage's bucket.</summary>
    public const string StageLimit = "stage";
    /// <summary>The response type of a request over its API key's quota.</summary>
    public const string QuotaExceededType = "QUOTA_EXCEEDED";

    /// <summary>
    /// Which bucket refused a THROTTLED request: <see cref="UsagePlanLimit"/> or <see cref="StageLimit"/>. API Gateway
    /// answers both alike (THROTTLED, "Too Many Requests"); the local stack names it in its access log and in the
    /// local-only header <c>x-dynamo-throttled-by</c> (docs/api-keys.md).
    /// </summary>
    public string? Limit { get; init; }

    /// <summary>No resource and method match: MISSING_AUTHENTICATION_TOKEN (403 unless customized).</summary>
    public static GatewayResponse UnknownRoute() =>
        new("MISSING_AUTHENTICATION_TOKEN", 403, "MissingAuthenticationTokenException", "Missing Authentication Token");

    /// <summary>A body over API Gateway's 10 MB (REQUEST_TOO_LARGE).</summary>
    public static GatewayResponse RequestTooLarge() =>
        new("REQUEST_TOO_LARGE", 413, "RequestTooLargeException", "Request Too Long");

    /// <summary>A request line over API Gateway's 10,240 bytes (<see cref="HeaderQuota"/>): 414 under DEFAULT_4XX.</summary>
    public static GatewayResponse RequestLineTooLong(long bytes) =>
        new(Default4xx, 414, "BadRequestException", string.Create(CultureInfo.InvariantCulture,
            $"Request-URI Too Long: the request line is {bytes:N0} bytes, over API Gateway's {HeaderQuota.MaxBytes:N0}"));

    /// <summary>The request line and headers over API Gateway's 10,240 bytes (<see cref="HeaderQuota"/>): 431 under DEFAULT_4XX.</summary>
    public static GatewayResponse HeadersTooLarge(long bytes) =>
        new(Default4xx, 431, "BadRequestException", string.Create(CultureInfo.InvariantCulture,
            $"Request Header Fields Too Large: the request line and headers are {bytes:N0} bytes, over API Gateway's {HeaderQuota.MaxBytes:N0}"));

    /// <summary>
    /// A request whose HTTP framing is wrong (a malformed chunk, a body shorter than its Content-Length that
    /// then stalls): the client's mistake, so a 4xx under DEFAULT_4XX with the status the HTTP server gave it
    /// (400, or 408 for a body that stopped arriving), never the gateway's own 500.
    /// </summary>
    public static GatewayResponse MalformedRequest(int statusCode, string message) =>
        new(Default4xx, statusCode is >= 400 and < 500 ? statusCode : 400, "BadRequestException", message);

    /// <summary>The stage's token bucket, or the API key's usage plan bucket, is empty (THROTTLED).</summary>
    public static GatewayResponse Throttled(string limit = StageLimit) =>
        new("THROTTLED", 429, "TooManyRequestsException", "Too Many Requests") { Limit = limit };

    /// <summary>The API key's usage plan quota for the period is used up (QUOTA_EXCEEDED).</summary>
    public static GatewayResponse QuotaExceeded() =>
        new(QuotaExceededType, 429, "LimitExceededException", "Limit Exceeded");

    /// <summary>A route that requires an API key got none, an unknown or disabled one, or one in no usage plan of the stage (INVALID_API_KEY).</summary>
    public static GatewayResponse InvalidApiKey() =>
        new("INVALID_API_KEY", 403, "ForbiddenException", "Forbidden");

    /// <summary>An identity source is missing, or the authorizer failed with the message <c>Unauthorized</c> (UNAUTHORIZED).</summary>
    public static GatewayResponse Unauthorized() =>
        new("UNAUTHORIZED", 401, "UnauthorizedException", "Unauthorized");

    /// <summary>The authorizer's policy does not allow the method (ACCESS_DENIED).</summary>
    public static GatewayResponse AccessDenied() =>
        new("ACCESS_DENIED", 403, "AccessDeniedException", "User is not authorized to access this resource with an explicit deny");

    /// <summary>The authorizer failed, was throttled, or answered something that is not a policy (AUTHORIZER_CONFIGURATION_ERROR).</summary>
    public static GatewayResponse AuthorizerFailed() =>
        new("AUTHORIZER_CONFIGURATION_ERROR", 500, "AuthorizerConfigurationException", "Internal server error");

    /// <summary>Lambda refused the invocation (throttled, or the event over its limit): INTEGRATION_FAILURE, 500 by default.</summary>
    public static GatewayResponse InvocationRefused() =>
        new("INTEGRATION_FAILURE", 500, "InternalServerErrorException", "Internal server error");

    /// <summary>No answer within the route's integration timeout (INTEGRATION_TIMEOUT).</summary>
    public static GatewayResponse IntegrationTimedOut(TimeSpan timeout) =>
        new("INTEGRATION_TIMEOUT", 504, "InternalServerErrorException",
            string.Create(CultureInfo.InvariantCulture, $"Endpoint request timed out after {timeout.TotalMilliseconds:0} ms"));

    /// <summary>The function failed or crashed: API Gateway's 502, under DEFAULT_5XX.</summary>
    public static GatewayResponse FunctionFailed() =>
        new(Default5xx, 502, "InternalServerErrorException", "Internal server error");

    /// <summary>The function answered something that is not a proxy response: 502 under DEFAULT_5XX.</summary>
    public static GatewayResponse MalformedResponse() =>
        new(Default5xx, 502, "InternalServerErrorException", "Internal server error");

    /// <summary>API Gateway failed itself: 500 under DEFAULT_5XX.</summary>
    public static GatewayResponse InternalFailure() =>
        new(Default5xx, 500, "InternalServerErrorException", "Internal server error");

    /// <summary>DEFAULT_4XX or DEFAULT_5XX, the type this one falls back to when the template does not customize it.</summary>
    public string Fallback => DefaultStatusCode < 500 ? Default4xx : Default5xx;
}
