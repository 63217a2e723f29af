using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Extensions;

/// <summary>When Lambda stops the invocation: ILambdaContext has only the time left, so it is read against a clock.</summary>
public static class Deadline
{
    public static DateTimeOffset For(ILambdaContext context, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow() + context.RemainingTime;
    }
}
