using System.Net;
using Amazon.Lambda.Annotations.APIGateway;
using Dynamo.Contracts;
using Dynamo.Lambda.Extensions;
using Dynamo.Lambda.Extensions.Filters;

namespace Dynamo.Functions;

/// <summary>
/// The one place an API function's unexpected failure becomes an answer: 500 with a JSON
/// <see cref="ErrorResponse"/> (docs/http-api.md: resend with backoff, safe because rows are idempotent) and the whole
/// exception in the log, instead of the bare 502 API Gateway gives for a function error. The authorizer does not run
/// inside the filters: its failure must stay a Lambda error (that is how it answers 401).
/// </summary>
internal sealed class UnexpectedErrorFilter : IInvocationFilter
{
    public async ValueTask<IHttpResult> InvokeAsync(FunctionInvocation invocation, InvocationStep proceed)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(proceed);
        try
        {
            return await proceed(invocation);
        }
        catch (Exception e) when (!invocation.CancellationToken.IsCancellationRequested)
        {
            invocation.Context.Logger.LogLine($"ERROR {invocation.Function} {invocation.Context.AwsRequestId}: {e}");
            return ErrorResults.Of(HttpStatusCode.InternalServerError,
                "The request failed unexpectedly; resend it with backoff (rows are idempotent).", ErrorTypes.Internal);
        }
    }
}
