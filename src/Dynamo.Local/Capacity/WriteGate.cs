using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.AspNetCore.Http;

namespace Dynamo.Local.Capacity;

/// <summary>
/// Handles one request of the DynamoDB JSON protocol: writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem)
/// are metered and let through as far as the limits allow; everything else goes to DynamoDB Local untouched.
/// </summary>
internal sealed class WriteGate(Upstream upstream, TableKeySchemas schemas, WriteThrottle throttle, CapacityMeter meter)
{
    // X-Amz-Target of the AWS JSON 1.0 protocol: "DynamoDB_20120810.<Operation>".
    private const string TargetPrefix = "DynamoDB_20120810.";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(context.Request, cancellationToken);
            using var writes = await MeteredRequest.ReadAsync(Operation(context.Request), body, schemas, cancellationToken);
            if (writes is null)
                await PassThroughAsync(context, body, cancellationToken);
            else
                await MeterAsync(context, writes, body, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or AmazonServiceException && !context.Response.HasStarted)
        {
            // DynamoDB Local is not answering: say so as a gateway would, for the client to retry.
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
        }
    }

    private async Task MeterAsync(HttpContext context, MeteredRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var writes = request.Writes;
        var decisions = throttle.Admit(writes);
        meter.Record(writes, decisions);
        var admitted = writes.Where((_, i) => decisions[i] == ThrottleReason.None).ToList();
        var refused = writes.Where((_, i) => decisions[i] != ThrottleReason.None).ToList();
        if (refused.Count == 0)
        {
            await PassThroughAsync(context, body, cancellationToken);
            return;
        }
        // A single write either fits or fails; BatchWriteItem fails only when nothing fits ("If none of the items
        // can be processed due to insufficient provisioned throughput on all of the tables in the request, then
        // BatchWriteItem returns a ProvisionedThroughputExceededException"; over an on-demand maximum, a
        // ThrottlingException).
        if (admitted.Count == 0)
        {
            var reasons = writes.Select((w, i) => (decisions[i], request.TableArns[w.Table]));
            await DynamoDbAnswer.WriteAsync(context.Response, ThroughputExceeded.StatusCode, ThroughputExceeded.Body(reasons), requestId: null, cancellationToken);
            return;
        }

        using var answer = await upstream.SendAsync(context.Request, PartialBatch.Request(request.Body, admitted), cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            await Upstream.CopyAsync(answer, context.Response, cancellationToken);
            return;
        }
        using var answered = JsonDocument.Parse(await answer.Content.ReadAsByteArrayAsync(cancellationToken));
        var requestId = answer.Headers.TryGetValues(DynamoDbAnswer.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        await DynamoDbAnswer.WriteAsync(context.Response, (int)answer.StatusCode, PartialBatch.Answer(answered.RootElement, refused), requestId, cancellationToken);
    }

    private async Task PassThroughAsync(HttpContext context, byte[] body, CancellationToken cancellationToken)
    {
        using var answer = await upstream.SendAsync(context.Request, body, cancellationToken);
        await Upstream.CopyAsync(answer, context.Response, cancellationToken);
    }

    private static string Operation(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        return target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : "";
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and < int.MaxValue ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
