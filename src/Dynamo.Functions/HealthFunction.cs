using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Dynamo.Contracts;
using Dynamo.Lambda.Annotations;
using Dynamo.Lambda.Annotations.Results;

namespace Dynamo.Functions;

/// <summary>
/// <c>GET /health</c> (no authorizer): 200 when DynamoDB answers a cheap call, 503 when it does not.
/// ListTables with Limit 1 proves the endpoint, the credentials and the network without depending on
/// the dataset catalog; it costs no capacity.
/// </summary>
internal sealed class HealthFunction(IAmazonDynamoDB store)
{
    /// <summary>Long enough for DynamoDB's usual milliseconds and a retry; short enough to answer well inside the gateway's 29 s.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    [LambdaFunction(ResourceName = "Health", MemorySize = 256, Timeout = 10, Policies = "AmazonDynamoDBReadOnlyAccess")]
    [RestApi(LambdaHttpMethod.Get, "/health", Authorizer = RestApiAttribute.NoAuthorizer)]
    public async Task<IHttpResult> Check(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await store.ListTablesAsync(new ListTablesRequest { Limit = 1 }, timeout.Token);
            return HttpResults.Ok(new HealthResponse("ok", "reachable"), ContractsJsonContext.Default.HealthResponse);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException
                                      or SocketException or IOException or OperationCanceledException)
        {
            var why = e is OperationCanceledException ? $"no answer within {ProbeTimeout.TotalSeconds:0} s" : e.Message;
            return HttpResults.Error(HttpStatusCode.ServiceUnavailable, $"The store is unavailable ({why}); retry later.", ErrorTypes.ServiceUnavailable);
        }
    }
}
