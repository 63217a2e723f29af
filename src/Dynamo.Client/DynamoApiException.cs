using System.Net;

namespace Dynamo.Client;

/// <summary>
/// The API refused in a way that resending cannot fix (400, 401, 403, 404, 415, or an answer that is not the
/// protocol): the send stops. The message says what to fix.
/// </summary>
public sealed class DynamoApiException : Exception
{
    /// <summary>A refusal without details.</summary>
    public DynamoApiException() { }

    /// <summary>A refusal that is not an HTTP answer (e.g. an answer that does not match the request).</summary>
    public DynamoApiException(string message) : base(message) { }

    /// <summary>A refusal caused by another error.</summary>
    public DynamoApiException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The API answered <paramref name="statusCode"/> with an error of type <paramref name="errorType"/>.</summary>
    public DynamoApiException(HttpStatusCode statusCode, string? errorType, string message) : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    /// <summary>The HTTP status of the refusal, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The <c>type</c> of the API's error body (e.g. <c>NotFoundException</c>), when it had one.</summary>
    public string? ErrorType { get; }
}
