namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>
/// Behaviour around every function (logging, metrics, error mapping), registered once in the startup's
/// <c>ConfigureServices</c> as <c>services.AddSingleton&lt;IInvocationFilter, MyFilter&gt;()</c>. Filters run in
/// registration order, the first outermost; each calls <paramref name="proceed"/> to go on (or not, to answer itself
/// by setting <see cref="FunctionInvocation.Result"/>). Exceptions from the function pass through them.
/// </summary>
public interface IInvocationFilter
{
    ValueTask InvokeAsync(FunctionInvocation invocation, InvocationStep proceed);
}

/// <summary>The rest of the pipeline: the next filters, then the function.</summary>
public delegate ValueTask InvocationStep(FunctionInvocation invocation);
