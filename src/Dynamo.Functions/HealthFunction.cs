using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Lambda.Annotations;
using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;
using Amazon.Runtime;
using Dynamo.Contracts;
using Dynamo.Lambda.Extensions;
using Dynamo.Lambda.Extensions.Filters;

namespace Dynamo.Functions;

/// <summary>
/// <c>GET /health</c> (no authorizer): 200 when DynamoDB answers a cheap call, 503 when it does not.
/// ListTables with Limit 1 proves the endpoint, the credentials and the network without depending on
/// the dataset catalog; it costs no capacity.
/// </summary>
internal sealed class HealthFunction(IAmazonDynamoDB store, InvocationFilters filters)
{
    /// <summary>Long enough for DynamoDB's usual milliseconds and a retry; short enough to answer well inside the gateway's 29 s.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    // HealthProbePolicy (template.yaml): dynamodb:ListTables, the probe's only call.
    [LambdaFunction(ResourceName = "Health", MemorySize = 256, Timeout = 10, Policies = "@HealthProbePolicy")]
    [RestApi(LambdaHttpMethod.Get, "/health")]
    public Task<IHttpResult> CheckHealth(APIGatewayProxyRequest request, ILambdaContext context) =>
        filters.RunAsync(nameof(CheckHealth), request, context, ProbeAsync);

    private async Task<IHttpResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await store.ListTablesAsync(new ListTablesRequest { Limit = 1 }, timeout.Token);
            return HttpResults.Ok(new HealthResponse("ok", "reachable"));
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException
                                      or SocketException or IOException or OperationCanceledException)
        {
            var why = e is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : e.Message;
            return ErrorResults.Of(HttpStatusCode.ServiceUnavailable, $"The store is unavailable ({why}); retry later.", ErrorTypes.ServiceUnavailable);
        }
    }
}
