using Dynamo.Local.Workers;

namespace Dynamo.Local.Monitoring;

/// <summary>The functions as the gateway invokes them, each invocation told to the monitor as it ends: Lambda's own metrics come from its invoke path, not from logs.</summary>
internal sealed class MeteredFunctions(IFunctionInvoker functions, StackMonitor monitor) : IFunctionInvoker
{
    public async Task<InvocationResult> InvokeAsync(string functionLogicalId, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // The fleet admits or refuses before its first await, so the count read now includes this invocation.
        var invocation = functions.InvokeAsync(functionLogicalId, payload, cancellationToken);
        var concurrency = monitor.Running(functionLogicalId);
        var result = await invocation.ConfigureAwait(false);
        monitor.Invoked(functionLogicalId, result, concurrency);
        return result;
    }
}
