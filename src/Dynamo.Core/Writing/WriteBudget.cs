namespace Dynamo.Core.Writing;

/// <summary>
/// When writing must stop (docs/http-api.md, The deadline). After <see cref="Soft"/> nothing new starts (no batch, no
/// retry); at <see cref="Hard"/> calls still in flight are cancelled, so the function can still answer.
/// </summary>
public readonly record struct WriteBudget(DateTimeOffset Soft, DateTimeOffset Hard)
{
    /// <summary>
    /// 29,000 ms is API Gateway's maximum integration timeout for REST APIs, and the template's default.
    /// </summary>
    public static readonly TimeSpan DefaultIntegrationTimeout = TimeSpan.FromMilliseconds(29_000);

    /// <summary>
    /// Time to answer once writing stops, and clock differences: serialising and returning a 5,000-row response
    /// (tens of ms), the hop back through the gateway, and the skew between the gateway's clock and the function's.
    /// The cold start is not in it: <see cref="ForRequest"/> counts the budget from the gateway's request time, so the
    /// Init phase and the authorizer are already spent when the function starts. 2 s covers the rest with room.
    /// </summary>
    public static readonly TimeSpan DefaultSafetyMargin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long before the hard deadline new work stops, so the calls already in flight can finish:
    /// a BatchWriteItem of 25 items answers in tens of ms, a slow one in a few hundred.
    /// </summary>
    public static readonly TimeSpan DefaultInFlightAllowance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The earlier of the Lambda deadline and <paramref name="invocationStart"/> + the integration timeout,
    /// less <paramref name="safetyMargin"/>, is the hard deadline; the soft one comes
    /// <paramref name="inFlightAllowance"/> earlier, but never more than a quarter of the budget earlier,
    /// so that a short budget (tests, a late invocation) still leaves most of its time for writing.
    /// </summary>
    public static WriteBudget From(
        DateTimeOffset invocationStart,
        DateTimeOffset? lambdaDeadline,
        TimeSpan integrationTimeout,
        TimeSpan safetyMargin,
        TimeSpan? inFlightAllowance = null)
    {
        var end = invocationStart + integrationTimeout;
        if (lambdaDeadline is { } lambda && lambda < end) end = lambda;
        var hard = end - safetyMargin;
        var budget = hard - invocationStart;
        var allowance = inFlightAllowance ?? DefaultInFlightAllowance;
        if (budget <= TimeSpan.Zero) return new WriteBudget(hard, hard);
        if (allowance > budget / 4) allowance = budget / 4;
        return new WriteBudget(hard - allowance, hard);
    }

    /// <summary>
    /// The budget of an invocation with the default margins; a short integration timeout (tests, a tight
    /// deployment) keeps a tenth of itself as margin rather than 2 s, so that it still leaves time to write.
    /// </summary>
    public static WriteBudget ForInvocation(DateTimeOffset invocationStart, DateTimeOffset? lambdaDeadline, TimeSpan integrationTimeout)
    {
        var margin = integrationTimeout / 10 < DefaultSafetyMargin ? integrationTimeout / 10 : DefaultSafetyMargin;
        return From(invocationStart, lambdaDeadline, integrationTimeout, margin);
    }

    /// <summary>
    /// The budget of an invocation behind API Gateway, counted from <paramref name="requestTimeEpochMs"/> (the event's
    /// <c>requestContext.requestTimeEpoch</c>): the gateway's integration timeout runs from the request's arrival, through
    /// the authorizer and a cold start's Init phase, so a cold invocation that counted from its own start would answer
    /// after the gateway's 504. A request time that is missing (0) or later than <paramref name="now"/> (clock skew) counts
    /// from <paramref name="now"/>.
    /// </summary>
    public static WriteBudget ForRequest(DateTimeOffset now, long requestTimeEpochMs, DateTimeOffset? lambdaDeadline, TimeSpan integrationTimeout)
    {
        var requested = requestTimeEpochMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(requestTimeEpochMs) : now;
        return ForInvocation(requested < now ? requested : now, lambdaDeadline, integrationTimeout);
    }
}
