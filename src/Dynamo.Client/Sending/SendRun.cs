using System.Runtime.ExceptionServices;
using Dynamo.Client.Chunking;
using Dynamo.Client.Keys;

namespace Dynamo.Client.Sending;

/// <summary>
/// One send: reads chunks as slots free up (at most <see cref="SendOptions.Concurrency"/> in flight), each sent by a
/// <see cref="ChunkSender"/>, until the input ends, the budget runs out, the caller cancels or the API refuses.
/// </summary>
internal sealed class SendRun<T>(RowsPost call, RowEncoder<T> encoder, SendOptions options, IProgress<SendProgress>? progress)
{
    public async Task<SendResult> RunAsync(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(options.TimeBudget, options.TimeProvider);
        using var refused = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token, refused.Token);
        using var slots = new SemaphoreSlim(options.Concurrency);
        var gate = new KeyGate();
        var tally = new SendTally(progress);
        var sender = new ChunkSender(call, new ResendPolicy(options, Random.Shared), gate, tally, options.TimeProvider);
        var sending = new List<Task>();
        ExceptionDispatchInfo? refusal = null;
        ExceptionDispatchInfo? inputFailure = null;

        async Task SendThenFreeSlotAsync(IReadOnlyList<PendingRow> chunk)
        {
            try
            {
                await sender.SendAsync(chunk, stop.Token).ConfigureAwait(false);
            }
            catch (DynamoApiException e)
            {
                Interlocked.CompareExchange(ref refusal, ExceptionDispatchInfo.Capture(e), null);
                await refused.CancelAsync().ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }

        var input = rows.GetAsyncEnumerator(stop.Token);
        await using (input.ConfigureAwait(false))
        {
            var reader = new ChunkReader<T>(input, encoder, options, gate, tally);
            try
            {
                while (true)
                {
                    await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                    var chunk = await reader.NextAsync(stop.Token).ConfigureAwait(false);
                    if (chunk is null)
                    {
                        slots.Release();
                        break;
                    }
                    sending.RemoveAll(task => task.IsCompleted);
                    sending.Add(SendThenFreeSlotAsync(chunk));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The budget, the caller or a refusal stopped reading; the chunks in flight report their rows.
                reader.Abandon();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The input failed (a file that stops parsing, say): what was sent still gets its answer, so a
                // progress consumer's checkpoint covers it, and then the input's error is the send's.
                inputFailure = ExceptionDispatchInfo.Capture(e);
            }
            await Task.WhenAll(sending).ConfigureAwait(false);
            tally.Report();

            refusal?.Throw();
            inputFailure?.Throw();
            var result = tally.Result(SendStop.Completed);
            return reader.Exhausted && result.Unstored == 0
                ? result
                : result with { Stop = cancellationToken.IsCancellationRequested ? SendStop.Cancelled : SendStop.BudgetExhausted };
        }
    }
}
