namespace Dynamo.Contracts;

/// <summary>Every error body: <c>{ "message": "...", "type": "ValidationException" }</c>.</summary>
public sealed record ErrorResponse(string Message, string Type);

/// <summary>The <c>type</c> values of <see cref="ErrorResponse"/>.</summary>
public static class ErrorTypes
{
    public const string Validation = "ValidationException";
    public const string NotFound = "NotFoundException";
    public const string PayloadTooLarge = "PayloadTooLargeException";
    public const string UnsupportedMediaType = "UnsupportedMediaTypeException";
    public const string Unauthorized = "UnauthorizedException";
    public const string AccessDenied = "AccessDeniedException";
    public const string Throttled = "ThrottledException";
    /// <summary>429: the API key's usage plan quota for the period is used up (docs/api-keys.md).</summary>
    public const string LimitExceeded = "LimitExceededException";
    /// <summary>403: the route requires an API key and got none, an unknown or disabled one, or one in no usage plan of the stage.</summary>
    public const string InvalidApiKey = "InvalidApiKeyException";
    public const string ServiceUnavailable = "ServiceUnavailableException";
    public const string Timeout = "TimeoutException";
    public const string Internal = "InternalServerErrorException";
}
