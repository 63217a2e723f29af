using Amazon.Lambda.Annotations.APIGateway;
using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Extensions.Filters;

/// <summary>
/// Runs an API function inside the registered <see cref="IInvocationFilter"/>s. Amazon.Lambda.Annotations' generated
/// handlers call the method directly, with nothing around it (an exception is a Lambda error, which API Gateway
/// answers with a bare 502), so each API function hands its body to <see cref="RunAsync"/>: one line, the same on
/// either layer. The token it passes is cancelled at the invocation's deadline (the generated handlers take none).
/// </summary>
public sealed class InvocationFilters(IEnumerable<IInvocationFilter> filters)
{
    // Beyond this a timer cannot wait (and no deadline header means "none").
    private static readonly TimeSpan MaxTimer = TimeSpan.FromDays(49);
    private readonly IInvocationFilter[] _filters = [.. filters];

    public async Task<IHttpResult> RunAsync(
        string function, APIGatewayProxyRequest request, ILambdaContext context, Func<CancellationToken, Task<IHttpResult>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        using var deadline = new CancellationTokenSource();
        if (context.RemainingTime < MaxTimer) deadline.CancelAfter(context.RemainingTime);
        InvocationStep pipeline = async invocation => await body(invocation.CancellationToken);
        for (var i = _filters.Length - 1; i >= 0; i--)
        {
            var filter = _filters[i];
            var next = pipeline;
            pipeline = invocation => filter.InvokeAsync(invocation, next);
        }
        return await pipeline(new FunctionInvocation(function, request, context, deadline.Token));
    }
}
