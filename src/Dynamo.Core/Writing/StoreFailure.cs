using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace Dynamo.Core.Writing;

/// <summary>What a failed BatchWriteItem call means for its rows.</summary>
public enum StoreFailure
{
    /// <summary>DynamoDB throttled the call: back off and retry; the rows' reason is throttled.</summary>
    Throttled,
    /// <summary>A 5xx or a network failure: back off and retry; the rows' reason is store-error.</summary>
    Transient,
    /// <summary>DynamoDB refused the request itself (ValidationException): retrying it unchanged cannot help.</summary>
    Refused,
    /// <summary>Anything else from the store (missing table, access denied): store-error, no retry.</summary>
    Permanent,
}

/// <summary>Sorts the exceptions of a BatchWriteItem call into <see cref="StoreFailure"/>s.</summary>
public static class StoreFailures
{
    // DynamoDB's throttling error codes; the SDK models the first three as exception types.
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ProvisionedThroughputExceededException", "RequestLimitExceeded", "ThrottlingException",
        "TooManyRequestsException", "Throttling",
    };

    /// <summary>Null when the exception is not the store's (a bug or a cancellation): let it propagate.</summary>
    public static StoreFailure? Classify(Exception exception) => exception switch
    {
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException => StoreFailure.Throttled,
        AmazonServiceException service when IsThrottling(service) => StoreFailure.Throttled,
        AmazonServiceException service when (int)service.StatusCode >= 500 || service.Retryable is not null => StoreFailure.Transient,
        AmazonServiceException { ErrorCode: "ValidationException" } => StoreFailure.Refused,
        AmazonServiceException => StoreFailure.Permanent,
        _ when IsNetworkFailure(exception) => StoreFailure.Transient,
        AmazonClientException => StoreFailure.Permanent,
        _ => null,
    };

    private static bool IsThrottling(AmazonServiceException exception) =>
        exception.Retryable?.Throttling == true
        || exception.StatusCode == HttpStatusCode.TooManyRequests
        || (exception.ErrorCode is { } code && ThrottlingCodes.Contains(code));

    // The SDK lets HttpClient's failures through, sometimes wrapped; an HttpClient timeout is a
    // TaskCanceledException around a TimeoutException (our own cancellations never get here).
    private static bool IsNetworkFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or SocketException or IOException or TimeoutException)
                return true;
        }
        return false;
    }
}
