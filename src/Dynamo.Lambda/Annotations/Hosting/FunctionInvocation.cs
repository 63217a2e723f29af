using Dynamo.Lambda.Runtime;

namespace Dynamo.Lambda.Annotations.Hosting;

/// <summary>One invocation as filters see it: which function, its event, its context and, after the call, its result.</summary>
public sealed class FunctionInvocation(string handler, object @event, ILambdaContext context, IServiceProvider services, CancellationToken cancellationToken)
{
    /// <summary>The function's Handler setting, e.g. <c>ingest</c>.</summary>
    public string Handler { get; } = handler;

    /// <summary>The deserialized event: an <c>APIGatewayProxyRequest</c> or an <c>APIGatewayCustomAuthorizerRequest</c>.</summary>
    public object Event { get; } = @event;

    public ILambdaContext Context { get; } = context;

    /// <summary>The invocation's service scope.</summary>
    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>
    /// What the function answered (an <c>APIGatewayProxyResponse</c> or an <c>APIGatewayCustomAuthorizerResponse</c>);
    /// a filter may replace it with one of the same type.
    /// </summary>
    public object? Result { get; set; }
}
