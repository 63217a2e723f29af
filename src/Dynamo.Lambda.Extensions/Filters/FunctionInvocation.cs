using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.Core;

namespace Dynamo.Lambda.Extensions.Filters;

/// <summary>One invocation of an API function as filters see it.</summary>
public sealed class FunctionInvocation(string function, APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
{
    /// <summary>The function's method name, its <c>ANNOTATIONS_HANDLER</c>: <c>PostRows</c>.</summary>
    public string Function { get; } = function;

    public APIGatewayProxyRequest Request { get; } = request;

    public ILambdaContext Context { get; } = context;

    /// <summary>Cancelled when Lambda's deadline for the invocation passes.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
