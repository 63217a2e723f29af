using System.Text;
using Dynamo.Contracts;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.Lambda.Events;
using Dynamo.Lambda.Observability;
using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions;

/// <summary>
/// <c>POST /datasets/{dataset}/rows</c>: checks what only HTTP knows (content type, base64), then hands the
/// body to the core's <see cref="RowIngestor"/> with a budget that ends before the gateway gives up.
/// </summary>
internal sealed class IngestFunction(RowIngestor ingestor, TimeProvider clock, IngestSettings settings, InvocationReport report)
{
    public async ValueTask<APIGatewayProxyResponse> PostRowsAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var start = clock.GetUtcNow();
        var dataset = request.PathParameters?.GetValueOrDefault("dataset") ?? "";
        var requestId = request.RequestContext?.RequestId ?? context.AwsRequestId;

        if (JsonContentType.Refusal(request.Headers) is { } mediaError)
            return ApiResponses.Error(415, mediaError, ErrorTypes.UnsupportedMediaType);
        if (!TryReadBody(request, out var body))
            return ApiResponses.Error(400, "The body is marked base64 but is not valid base64.", ErrorTypes.Validation);

        var call = new IngestCall(
            dataset, body, requestId, start,
            WriteBudget.ForInvocation(start, context.Deadline, settings.IntegrationTimeout),
            ListAllRows: string.Equals(request.QueryStringParameters?.GetValueOrDefault("rows"), "all", StringComparison.Ordinal));
        var outcome = await ingestor.IngestAsync(call, cancellationToken);

        report.Invocation(context.AwsRequestId, outcome, dataset, clock.GetUtcNow() - start);
        if (outcome.Refusal is { } refusal)
            return ApiResponses.Error(refusal.StatusCode, refusal.Body.Message, refusal.Body.Type);

        var reply = outcome.Reply!;
        var headers = reply.RetryAfterSeconds is { } seconds
            ? new Dictionary<string, string>(StringComparer.Ordinal) { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : null;
        return ApiResponses.Json(reply.StatusCode, reply.Body, ContractsJsonContext.Default.IngestResponse, headers);
    }

    private static bool TryReadBody(APIGatewayProxyRequest request, out ReadOnlyMemory<byte> body)
    {
        var text = request.Body ?? "";
        if (!request.IsBase64Encoded)
        {
            body = Encoding.UTF8.GetBytes(text);
            return true;
        }
        var bytes = new byte[(text.Length * 3 + 3) / 4];
        var ok = Convert.TryFromBase64String(text, bytes, out var written);
        body = ok ? bytes.AsMemory(0, written) : default;
        return ok;
    }
}

/// <summary>The ingest function's environment: <c>INTEGRATION_TIMEOUT_MS</c> (the template's IntegrationTimeoutMs).</summary>
internal sealed record IngestSettings(TimeSpan IntegrationTimeout)
{
    public const string IntegrationTimeoutVariable = "INTEGRATION_TIMEOUT_MS";

    public static IngestSettings FromEnvironment() =>
        new(int.TryParse(Environment.GetEnvironmentVariable(IntegrationTimeoutVariable), out var ms) && ms > 0
            ? TimeSpan.FromMilliseconds(ms)
            : WriteBudget.DefaultIntegrationTimeout);
}
