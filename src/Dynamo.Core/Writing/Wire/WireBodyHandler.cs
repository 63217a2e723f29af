using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace Dynamo.Core.Writing.Wire;

/// <summary>
/// Sits right after the SDK's marshaller: for a request with a prepared body (<see cref="WireBatchWriteItemRequest"/>,
/// <see cref="WireConditionalPutRequest"/>) it puts that body in place of the (empty) marshalled one, before the
/// signer hashes the payload.
/// </summary>
internal sealed class WireBodyHandler : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        UsePreparedBody(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        UsePreparedBody(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private static void UsePreparedBody(IExecutionContext executionContext)
    {
        if (executionContext.RequestContext.OriginalRequest is not IPreparedBody wire) return;
        var request = executionContext.RequestContext.Request;
        // SDK v4 marshals into a pooled stream, which takes precedence over Content: give it back and clear it.
        request.ContentStream?.Dispose();
        request.ContentStream = null;
        request.Content = wire.Body();
    }
}
