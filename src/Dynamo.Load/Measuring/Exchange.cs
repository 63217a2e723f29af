namespace Dynamo.Load.Measuring;

/// <summary>One HTTP request of the run, resends included, as the observing handler saw it.</summary>
/// <param name="Started">When it was sent, from the start of the run.</param>
/// <param name="Latency">Until its whole answer arrived (or it failed).</param>
/// <param name="Status">The HTTP status; null when no answer came (connection failure, timeout).</param>
/// <param name="Admitted">The function answered with row statuses: the gateway let the request through.</param>
/// <param name="RowsStored">Rows the answer says were stored.</param>
/// <param name="RetryRows">Rows the answer says to resend.</param>
internal readonly record struct Exchange(TimeSpan Started, TimeSpan Latency, int? Status, bool Admitted, int RowsStored, int RetryRows)
{
    /// <summary>The key of the status mix: the HTTP status, or "none" when there was no answer.</summary>
    /// <summary>Rows the function told to resend because DynamoDB throttled their writes (retry reason "throttled").</summary>
    public int StoreThrottledRows { get; init; }

    /// <summary>For a 429 of the gateway, which limit it was (<see cref="GatewayRefusal"/>); null otherwise.</summary>
    public string? Refusal { get; init; }

    /// <summary>When its answer arrived (or it failed), from the start of the run.</summary>
    public TimeSpan Ended { get; init; }

    public string StatusKey => Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
