using System.Globalization;
using Amazon.Lambda.Annotations.APIGateway;
using Dynamo.Lambda.Extensions.Filters;

namespace Dynamo.Functions;

/// <summary>
/// A test-only switch that makes one ingest invocation slow, so the local stack's integration timeout (504) and
/// concurrency limit (503) can be produced for real: the header <c>X-Dynamo-Test-Delay-Ms</c> delays the
/// function by that many milliseconds (at most 60 s). The filter exists only in a process whose
/// <c>DYNAMO_STAGE</c> is <c>local</c>, which production cannot have: template.yaml's Stage allows only
/// dev, staging and prod (CloudFormation refuses anything else), every function's DYNAMO_STAGE is !Ref Stage
/// (a test pins both), and only the local stack's per-function overrides (as <c>sam local --env-vars</c>) set
/// <c>local</c>. Anywhere else the header is an ordinary header nobody reads.
/// </summary>
internal sealed class LocalSlowdownFilter(TimeProvider clock) : IInvocationFilter
{
    public const string Header = "X-Dynamo-Test-Delay-Ms";
    public const string LocalStage = "local";
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    public static bool Enabled => Environment.GetEnvironmentVariable(InvocationReport.StageVariable) == LocalStage;

    public async ValueTask<IHttpResult> InvokeAsync(FunctionInvocation invocation, InvocationStep proceed)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(proceed);
        if (invocation.Function == nameof(IngestFunction.PostRows) && invocation.Request.Headers is { } headers
            && headers.FirstOrDefault(h => string.Equals(h.Key, Header, StringComparison.OrdinalIgnoreCase)).Value is { } text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(ms, MaxDelay.TotalMilliseconds)), clock, invocation.CancellationToken);
        }
        return await proceed(invocation);
    }
}
