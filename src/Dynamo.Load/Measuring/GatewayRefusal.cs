using System.Net;
using System.Text.Json;
using Dynamo.Contracts;

namespace Dynamo.Load.Measuring;

/// <summary>
/// Which limit a 429 of the gateway was (docs/api-keys.md): the API key's quota (body type LimitExceededException,
/// message "Limit Exceeded", x-amzn-ErrorType LimitExceededException), or a rate or burst (ThrottledException, "Too Many
/// Requests", TooManyRequestsException) of the key's usage plan or of the stage. API Gateway answers those two alike;
/// the local stack says which in its header x-dynamo-throttled-by, and without it the two stay one count. The store's
/// own 429 carries the rows body and is none of these.
/// </summary>
public static class GatewayRefusal
{
    public const string PlanRate = "plan-rate";
    public const string Quota = "quota";
    public const string Stage = "stage";
    /// <summary>A rate or burst 429 whose bucket the answer does not name (AWS).</summary>
    public const string PlanRateOrStage = "plan-rate-or-stage";

    /// <summary>The local stack's header naming the bucket of a THROTTLED answer: usage-plan or stage.</summary>
    public const string ThrottledByHeader = "x-dynamo-throttled-by";

    /// <summary>Every kind, in the order reports list them.</summary>
    public static readonly IReadOnlyList<string> Kinds = [PlanRate, Quota, Stage, PlanRateOrStage];

    /// <summary>The kind of a 429 gateway refusal, or null for any other answer.</summary>
    public static string? Of(HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
            return null;
        var type = ErrorType(body);
        var awsType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        if (type == ErrorTypes.LimitExceeded || awsType == "LimitExceededException")
            return Quota;
        if (type != ErrorTypes.Throttled && awsType != "TooManyRequestsException")
            return null;
        return response.Headers.TryGetValues(ThrottledByHeader, out var by) ? by.FirstOrDefault() switch
        {
            "usage-plan" => PlanRate,
            "stage" => Stage,
            _ => PlanRateOrStage,
        } : PlanRateOrStage;
    }

    private static string? ErrorType(byte[] body)
    {
        if (body.Length == 0 || body[0] != (byte)'{') return null;
        try
        {
            return JsonSerializer.Deserialize(body, ContractsJsonContext.Default.ErrorResponse)?.Type;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
