using System.Net;
using Dynamo.Contracts;
using Dynamo.Lambda.Annotations.Hosting;
using Dynamo.Lambda.Annotations.Results;
using Dynamo.Lambda.Events;

namespace Dynamo.Functions;

/// <summary>
/// The one place an API function's unexpected failure becomes an answer: 500 with a JSON
/// <see cref="ErrorResponse"/> (docs/http-api.md: resend with backoff, safe because rows are idempotent) and the whole
/// exception in the log, instead of the bare 502 API Gateway gives for a function error. The authorizer is
/// left alone: its failure must stay a Lambda error (that is how it answers 401).
/// </summary>
internal sealed class UnexpectedErrorFilter : IInvocationFilter
{
    public async ValueTask InvokeAsync(FunctionInvocation invocation, InvocationStep proceed)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(proceed);
        if (invocation.Event is not APIGatewayProxyRequest)
        {
            await proceed(invocation);
            return;
        }
        try
        {
            await proceed(invocation);
        }
        catch (Exception e) when (!invocation.CancellationToken.IsCancellationRequested)
        {
            invocation.Context.Logger.LogLine($"ERROR {invocation.Handler} {invocation.Context.AwsRequestId}: {e}");
            invocation.Result = HttpResults.Error(HttpStatusCode.InternalServerError,
                "The request failed unexpectedly; resend it with backoff (rows are idempotent).", ErrorTypes.Internal).ToProxyResponse();
        }
    }
}
