using System.Buffers;
using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Runtime;

/// <summary>
/// The invocation loop of a custom runtime: next event, handler, response or error report, forever. A
/// handler exception becomes the invocation's error report and the loop goes on.
/// </summary>
public sealed class LambdaRuntime(RuntimeApiClient client, FunctionEnvironment environment, TimeProvider clock, ILambdaLogger logger)
{
    /// <summary>The X-Ray tracing header of the current invocation, for SDKs that propagate it.</summary>
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(49);

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled or the runtime API fails.</summary>
    public async Task RunAsync(LambdaHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        // Reused for every response: it grows to the largest response and stays there.
        var response = new ArrayBufferWriter<byte>(16 * 1024);
        while (true)
        {
            var invocation = await client.NextAsync(cancellationToken).ConfigureAwait(false);
            Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
            var context = new LambdaContext(invocation, environment, clock, logger);
            response.ResetWrittenCount();

            LambdaError? error = null;
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                // No Deadline-Ms header leaves the deadline at MaxValue, beyond what a timer can wait.
                if (context.RemainingTime < MaxTimer) deadline.CancelAfter(context.RemainingTime);
                await handler(invocation.Payload, response, context, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                error = LambdaError.From(e);
                logger.LogLine($"Invocation {invocation.RequestId} failed: {e}");
            }

            try
            {
                if (error is null)
                    await client.SendResponseAsync(invocation.RequestId, response.WrittenMemory, cancellationToken).ConfigureAwait(false);
                else
                    await client.SendErrorAsync(invocation.RequestId, error, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when ((int?)e.StatusCode is >= 400 and < 500)
            {
                // 400/403/413: this one answer was refused (a response over 6 MB, say) and the invocation
                // has failed; the runtime API is still there for the next one. A 500 ends the process.
                logger.LogLine($"Invocation {invocation.RequestId}: {e.Message}");
            }
        }
    }
}
