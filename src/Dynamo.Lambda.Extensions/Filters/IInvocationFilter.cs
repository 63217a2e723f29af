using Amazon.Lambda.Annotations.APIGateway;

namespace Dynamo.Lambda.Extensions.Filters;

/// <summary>
/// Behaviour around every API function (error mapping, test switches), registered once in the startup's
/// <c>ConfigureServices</c> as <c>services.AddSingleton&lt;IInvocationFilter, MyFilter&gt;()</c>. Filters run in
/// registration order, the first outermost; each calls <paramref name="proceed"/> to go on, or answers itself.
/// </summary>
public interface IInvocationFilter
{
    ValueTask<IHttpResult> InvokeAsync(FunctionInvocation invocation, InvocationStep proceed);
}

/// <summary>The rest of the pipeline: the next filters, then the function.</summary>
public delegate ValueTask<IHttpResult> InvocationStep(FunctionInvocation invocation);
