using System.Globalization;
using System.Net;
using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Dynamo.Contracts;
using Dynamo.Core.Datasets;
using Dynamo.Core.Ingesting;
using Dynamo.Core.Writing;
using Dynamo.Lambda.Extensions;
using Dynamo.Lambda.Extensions.Filters;

namespace Dynamo.Functions;

/// <summary>
/// <c>POST /datasets/{dataset}/rows</c>: checks what only HTTP knows (the content type, a base64 body), then hands the
/// body to the core's <see cref="RowIngestor"/> with a budget that ends before the gateway gives up.
/// </summary>
internal sealed class IngestFunction(RowIngestor ingestor, TimeProvider clock, IngestSettings settings, InvocationReport report, InvocationFilters filters)
{
    // Header and query values the request does not have bind as null (the binding's default), whatever the type says.
    // IngestTablesPolicy (template.yaml): dynamodb:BatchWriteItem on this stack's dataset tables, nothing else.
    [LambdaFunction(ResourceName = "Ingest", MemorySize = 1024, Timeout = 30, Policies = "@IngestTablesPolicy")]
    [RestApi(LambdaHttpMethod.Post, "/datasets/{dataset}/rows", Authorizer = AuthorizerFunction.Name)]
    [EnvironmentVariable(IngestSettings.IntegrationTimeoutVariable, "29000")]
    [EnvironmentVariable(DatasetCatalog.TablePrefixVariable, "")]
    public Task<IHttpResult> PostRows(
        [FromRoute(Name = "dataset")] string dataset,
        [FromHeader(Name = "Content-Type")] string contentType,
        [FromQuery(Name = "rows")] string rows,
        APIGatewayProxyRequest request,
        ILambdaContext context) =>
        filters.RunAsync(nameof(PostRows), request, context, cancellationToken => IngestAsync(dataset, contentType, rows, request, context, cancellationToken));

    private async Task<IHttpResult> IngestAsync(
        string dataset, string? contentType, string? rows, APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var start = clock.GetUtcNow();
        if (JsonContentType.Refusal(contentType) is { } mediaError)
            return ErrorResults.Of(HttpStatusCode.UnsupportedMediaType, mediaError, ErrorTypes.UnsupportedMediaType);
        using var body = RequestBody.TryRead(request);
        if (body is null)
            return ErrorResults.Of(HttpStatusCode.BadRequest, "The request body is marked base64 but is not valid base64.", ErrorTypes.Validation);

        // API Gateway's request id, which the client sees and the rows carry; Lambda's own id only when there is none.
        var requestId = request.RequestContext?.RequestId ?? context.AwsRequestId;
        var call = new IngestCall(
            dataset, body.Bytes, requestId, start,
            WriteBudget.ForRequest(start, request.RequestContext?.RequestTimeEpoch ?? 0, Deadline.For(context, clock), settings.IntegrationTimeout),
            ListAllRows: string.Equals(rows, "all", StringComparison.Ordinal));
        var outcome = await ingestor.IngestAsync(call, cancellationToken);

        report.Invocation(context.AwsRequestId, outcome, dataset, clock.GetUtcNow() - start);
        if (outcome.Refusal is { } refusal)
            return ErrorResults.Of((HttpStatusCode)refusal.StatusCode, refusal.Body.Message, refusal.Body.Type);

        var reply = outcome.Reply!;
        var result = HttpResults.NewResult((HttpStatusCode)reply.StatusCode, reply.Body);
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
