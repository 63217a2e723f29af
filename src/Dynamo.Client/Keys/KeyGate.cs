namespace Dynamo.Client.Keys;

/// <summary>
/// The keys of every row in flight (sent, or waiting to be resent). A row whose key is held waits for it: were it
/// sent alongside, a resend of the older row could land after the newer one and overwrite it.
/// </summary>
internal sealed class KeyGate
{
    private readonly Lock sync = new();
    private readonly Dictionary<ItemIdentity, int> held = [];
    private TaskCompletionSource? released;

    public bool IsHeld(ItemIdentity key)
    {
        lock (sync)
        {
            return held.ContainsKey(key);
        }
    }

    public void Hold(ItemIdentity? key)
    {
        if (key is null)
        {
            return;
        }
        lock (sync)
        {
            held[key] = held.GetValueOrDefault(key) + 1;
        }
    }

    public void Release(ItemIdentity? key)
    {
        if (key is null)
        {
            return;
        }
        TaskCompletionSource? waiters = null;
        lock (sync)
        {
            var count = held[key] - 1;
            if (count > 0)
            {
                held[key] = count;
                return;
            }
            held.Remove(key);
            (waiters, released) = (released, null);
        }
        waiters?.TrySetResult();
    }

    public async Task WaitReleasedAsync(ItemIdentity key, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task change;
            lock (sync)
            {
                if (!held.ContainsKey(key))
                {
                    return;
                }
                released ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                change = released.Task;
            }
            await change.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
