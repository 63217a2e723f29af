namespace Dynamo.Contracts;

/// <summary>Why a row came back <see cref="RowStatus.Retry"/>.</summary>
public static class RetryReasons
{
    /// <summary>The time budget ran out before DynamoDB confirmed the row.</summary>
    public const string Deadline = "deadline";
    /// <summary>DynamoDB kept throttling the row's batch.</summary>
    public const string Throttled = "throttled";
    /// <summary>DynamoDB failed or could not be reached.</summary>
    public const string StoreError = "store-error";
}
