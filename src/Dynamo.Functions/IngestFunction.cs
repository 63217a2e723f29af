using System.Globalization;
using System.Net;
using Dynamo.Contracts;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.Lambda.Annotations;
using Dynamo.Lambda.Annotations.Results;
using Dynamo.Lambda.Events;
using Dynamo.Lambda.Observability;
using Dynamo.Lambda.Runtime;

namespace Dynamo.Functions;

/// <summary>
/// <c>POST /datasets/{dataset}/rows</c>: checks what only HTTP knows (the content type; base64 is decoded by the
/// binding), then hands the body to the core's <see cref="RowIngestor"/> with a budget that ends before the
/// gateway gives up.
/// </summary>
internal sealed class IngestFunction(RowIngestor ingestor, TimeProvider clock, IngestSettings settings, InvocationReport report)
{
    [LambdaFunction(ResourceName = "Ingest", MemorySize = 1024, Timeout = 30, Policies = "AmazonDynamoDBFullAccess")]
    [RestApi(LambdaHttpMethod.Post, "/datasets/{dataset}/rows")]
    [EnvironmentVariable(IngestSettings.IntegrationTimeoutVariable, "29000")]
    public async Task<IHttpResult> PostRows(
        [FromRoute] string dataset,
        [FromBody] ReadOnlyMemory<byte> body,
        [FromHeader(Name = "Content-Type")] string? contentType,
        [FromQuery] string? rows,
        APIGatewayProxyRequest request,
        ILambdaContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var start = clock.GetUtcNow();
        if (JsonContentType.Refusal(contentType) is { } mediaError)
            return HttpResults.Error(HttpStatusCode.UnsupportedMediaType, mediaError, ErrorTypes.UnsupportedMediaType);

        // API Gateway's request id, which the client sees and the rows carry; Lambda's own id only when there is none.
        var requestId = request.RequestContext?.RequestId ?? context.AwsRequestId;
        var call = new IngestCall(
            dataset, body, requestId, start,
            WriteBudget.ForRequest(start, request.RequestContext?.RequestTimeEpoch ?? 0, context.Deadline, settings.IntegrationTimeout),
            ListAllRows: string.Equals(rows, "all", StringComparison.Ordinal));
        var outcome = await ingestor.IngestAsync(call, cancellationToken);

        report.Invocation(context.AwsRequestId, outcome, dataset, clock.GetUtcNow() - start);
        if (outcome.Refusal is { } refusal)
            return HttpResults.Error((HttpStatusCode)refusal.StatusCode, refusal.Body.Message, refusal.Body.Type);

        var reply = outcome.Reply!;
        var result = HttpResults.NewResult((HttpStatusCode)reply.StatusCode, reply.Body, ContractsJsonContext.Default.IngestResponse);
        return reply.RetryAfterSeconds is { } seconds ? result.AddHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)) : result;
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
