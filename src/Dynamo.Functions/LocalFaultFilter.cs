using System.Globalization;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Dynamo.Lambda.Extensions.Filters;

namespace Dynamo.Functions;

/// <summary>
/// Test-only faults, so that the local stack can produce for real what a healthy function never answers
/// (docs/local-stack.md, Faults on demand): the header <c>X-Dynamo-Test-Delay-Ms</c> delays an ingest invocation by
/// that many milliseconds (at most 60 s: the integration timeout's 504, the reserved concurrency's 503), and
/// <c>X-Dynamo-Test-Fault: throw</c> makes an API function throw an unexpected exception (the JSON 500). The filter
/// exists only in a process whose <c>DYNAMO_STAGE</c> is <c>local</c>, which production cannot have: template.yaml's
/// Stage allows only dev, staging and prod (CloudFormation refuses anything else), every function's DYNAMO_STAGE is
/// !Ref Stage (a test pins both), and only the local stack's per-function overrides (as <c>sam local --env-vars</c>)
/// set <c>local</c>. Anywhere else the headers are ordinary headers nobody reads.
/// </summary>
internal sealed class LocalFaultFilter(TimeProvider clock) : IInvocationFilter
{
    public const string DelayHeader = "X-Dynamo-Test-Delay-Ms";
    public const string FaultHeader = "X-Dynamo-Test-Fault";
    public const string ThrowFault = "throw";
    public const string LocalStage = "local";
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    public static bool Enabled => Environment.GetEnvironmentVariable(InvocationReport.StageVariable) == LocalStage;

    public async ValueTask<IHttpResult> InvokeAsync(FunctionInvocation invocation, InvocationStep proceed)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(proceed);
        if (string.Equals(HeaderValue(invocation.Request, FaultHeader), ThrowFault, StringComparison.Ordinal))
            throw new InvalidOperationException($"{FaultHeader}: {ThrowFault} asked {invocation.Function} to fail unexpectedly.");
        if (invocation.Function == nameof(IngestFunction.PostRows)
            && int.TryParse(HeaderValue(invocation.Request, DelayHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds)), clock, invocation.CancellationToken);
        }
        return await proceed(invocation);
    }

    // Header names are case-insensitive (RFC 9110), and API Gateway passes them as the client sent them.
    private static string? HeaderValue(APIGatewayProxyRequest request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
