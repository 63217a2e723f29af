using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Dynamo.Local.Capacity.Requests;
using Microsoft.AspNetCore.Http;
using Refusal = Dynamo.Local.Capacity.ThroughputExceeded.Refusal;

namespace Dynamo.Local.Capacity;

/// <summary>
/// The capacity emulation's decision on one request of the DynamoDB JSON protocol, which <see cref="CapacityProxy"/>'s
/// listener hands it; the units themselves are <see cref="CapacityBuckets"/>' and the console lines
/// <see cref="CapacityReport"/>'s. A write (PutItem, UpdateItem, DeleteItem, BatchWriteItem,
/// TransactWriteItems, and the PartiQL ExecuteStatement, BatchExecuteStatement and ExecuteTransaction) is first
/// checked as DynamoDB checks it: one DynamoDB refuses whole goes to DynamoDB Local as it is, uncharged, whatever the
/// buckets hold, and DynamoDB Local answers its ValidationException. A valid one is metered and let through as far as
/// the limits allow; its units are given back when DynamoDB Local refuses it for a reason DynamoDB does not charge
/// (<see cref="ChargedFailures"/>). Everything else goes to DynamoDB Local untouched.
/// </summary>
internal sealed class WriteAdmission(Upstream upstream, TableKeySchemas schemas, CapacityBuckets buckets, CapacityReport report)
{
    // X-Amz-Target of the AWS JSON 1.0 protocol: "DynamoDB_20120810.<Operation>".
    private const string TargetPrefix = "DynamoDB_20120810.";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(context.Request, cancellationToken);
            using var request = await MeteredRequest.ReadAsync(Operation(context.Request), body, schemas, cancellationToken);
            if (request is { Refusal: { } refusal })
            {
                await DynamoDbAnswer.WriteAsync(context.Response, (int)HttpStatusCode.BadRequest, refusal, requestId: null, cancellationToken);
                return;
            }
            if (request is null || request.IsInvalid)
            {
                await PassThroughAsync(context, body, cancellationToken);
                return;
            }
            var answer = request.Shape switch
            {
                WriteShape.ItemBatch => ItemBatchAsync(context, request, body, cancellationToken),
                WriteShape.StatementBatch => StatementBatchAsync(context, request, body, cancellationToken),
                _ => WholeAsync(context, request, body, cancellationToken),
            };
            await answer;
        }
        catch (Exception e) when (e is HttpRequestException or AmazonServiceException && !context.Response.HasStarted)
        {
            // DynamoDB Local is not answering: say so as a gateway would, for the client to retry.
            var error = Encoding.UTF8.GetBytes(
                """{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"DynamoDB Local is not answering behind the local stack's DynamoDB endpoint."}""");
            await DynamoDbAnswer.WriteAsync(context.Response, (int)HttpStatusCode.BadGateway, error, requestId: null, cancellationToken);
        }
    }

    /// <summary>A write that fits or fails whole: a single write (PutItem, ExecuteStatement, ...) or a transaction.</summary>
    private async Task WholeAsync(HttpContext context, MeteredRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var writes = request.Writes;
        var decisions = request.Shape == WriteShape.Transaction ? buckets.AdmitAll(writes) : buckets.Admit(writes);
        var refused = decisions.FirstOrDefault(d => d != ThrottleReason.None);
        if (refused != ThrottleReason.None)
        {
            // Every action of a refused transaction is refused with it.
            report.Record(writes.Select((w, i) => (w, decisions[i] == ThrottleReason.None ? refused : decisions[i])));
            var error = request.Shape == WriteShape.Transaction
                ? ThroughputExceeded.TransactionCanceled([.. writes.Select((w, i) => Refusal(request, w, decisions[i]))])
                : ThroughputExceeded.Body(writes.Select((w, i) => Refusal(request, w, decisions[i])).OfType<Refusal>());
            await DynamoDbAnswer.WriteAsync(context.Response, ThroughputExceeded.StatusCode, error, requestId: null, cancellationToken);
            return;
        }

        var answer = await upstream.ExchangeAsync(context.Request, body, cancellationToken);
        Charge(writes, answer.IsSuccess || ChargedFailures.IsCharged(Parse(answer.Body)));
        await answer.CopyToAsync(context.Response, cancellationToken);
    }

    /// <summary>
    /// BatchWriteItem: what fits goes to DynamoDB Local, the rest comes back as UnprocessedItems. It fails only when
    /// nothing fits ("If none of the items can be processed due to insufficient provisioned throughput on all of the
    /// tables in the request, then BatchWriteItem returns a ProvisionedThroughputExceededException"; over an on-demand
    /// maximum, a ThrottlingException).
    /// </summary>
    private async Task ItemBatchAsync(HttpContext context, MeteredRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var writes = request.Writes;
        var decisions = buckets.Admit(writes);
        var admitted = writes.Where((_, i) => decisions[i] == ThrottleReason.None).ToList();
        var refused = writes.Where((_, i) => decisions[i] != ThrottleReason.None).ToList();
        report.Record(writes.Select((w, i) => (w, decisions[i])).Where(d => d.Item2 != ThrottleReason.None));
        if (admitted.Count == 0)
        {
            var error = ThroughputExceeded.Body(writes.Select((w, i) => Refusal(request, w, decisions[i])).OfType<Refusal>());
            await DynamoDbAnswer.WriteAsync(context.Response, ThroughputExceeded.StatusCode, error, requestId: null, cancellationToken);
            return;
        }

        var answer = await upstream.ExchangeAsync(context.Request, refused.Count == 0 ? body : PartialBatch.Request(request.Body, admitted), cancellationToken);
        Charge(admitted, answer.IsSuccess);
        if (refused.Count == 0 || !answer.IsSuccess)
        {
            await answer.CopyToAsync(context.Response, cancellationToken);
            return;
        }
        using var answered = JsonDocument.Parse(answer.Body);
        await DynamoDbAnswer.WriteAsync(context.Response, answer.StatusCode, PartialBatch.Answer(answered.RootElement, refused), answer.RequestId, cancellationToken);
    }

    /// <summary>
    /// BatchExecuteStatement: each statement fits or is answered with its own throttling error in Responses; the
    /// statements DynamoDB refuses on their own go to DynamoDB Local uncharged, for it to answer them.
    /// </summary>
    private async Task StatementBatchAsync(HttpContext context, MeteredRequest request, byte[] body, CancellationToken cancellationToken)
    {
        var writes = request.Writes;
        var valid = writes.Where(w => !w.Invalid).ToList();
        var validDecisions = buckets.Admit(valid);
        var decisions = new Dictionary<MeteredWrite, ThrottleReason>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < valid.Count; i++) decisions[valid[i]] = validDecisions[i];
        var refusals = writes.Select(w => w.Invalid ? null : Refusal(request, w, decisions[w])).ToList();
        var forwarded = writes.Where((_, i) => refusals[i] is null).ToList();
        report.Record(valid.Select((w, i) => (w, validDecisions[i])).Where(d => d.Item2 != ThrottleReason.None));
        if (forwarded.Count == 0)
        {
            await DynamoDbAnswer.WriteAsync(context.Response, (int)HttpStatusCode.OK, PartialStatementBatch.Answer(null, writes, refusals), requestId: null, cancellationToken);
            return;
        }

        var partial = forwarded.Count < writes.Count;
        var answer = await upstream.ExchangeAsync(context.Request, partial ? PartialStatementBatch.Request(request.Body, forwarded) : body, cancellationToken);
        var admitted = forwarded.Where(w => !w.Invalid).ToList();
        if (!answer.IsSuccess)
        {
            Charge(admitted, charged: false);
            await answer.CopyToAsync(context.Response, cancellationToken);
            return;
        }
        using var answered = JsonDocument.Parse(answer.Body);
        var responses = WireValue.Member(answered.RootElement, "Responses") is { ValueKind: JsonValueKind.Array } r ? r.EnumerateArray().ToList() : [];
        var charged = forwarded.Select((w, i) => (Write: w, Charged: i >= responses.Count || ChargedFailures.IsChargedStatement(responses[i]))).Where(c => !c.Write.Invalid).ToList();
        Charge(charged.Where(c => c.Charged).Select(c => c.Write), charged: true);
        Charge(charged.Where(c => !c.Charged).Select(c => c.Write), charged: false);
        if (!partial)
            await answer.CopyToAsync(context.Response, cancellationToken);
        else
            await DynamoDbAnswer.WriteAsync(context.Response, answer.StatusCode, PartialStatementBatch.Answer(answered.RootElement, writes, refusals), answer.RequestId, cancellationToken);
    }

    /// <summary>Admitted writes that DynamoDB charges are counted; the others get their units back.</summary>
    private void Charge(IEnumerable<MeteredWrite> writes, bool charged)
    {
        if (charged) report.Record(writes.Select(w => (w, ThrottleReason.None)));
        else buckets.Refund(writes);
    }

    private static Refusal? Refusal(MeteredRequest request, MeteredWrite write, ThrottleReason reason) =>
        reason == ThrottleReason.None ? null : new Refusal(reason, request.Tables[write.Table]);

    private static JsonElement Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
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
