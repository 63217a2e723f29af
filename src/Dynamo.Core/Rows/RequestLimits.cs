namespace Dynamo.Core.Rows;

/// <summary>The size limits of one ingest request (docs/http-api.md, Limits).</summary>
public static class RequestLimits
{
    public const int MaxRows = 5000;
    /// <summary>5 MB, below API Gateway's 10 MB and Lambda's 6 MB event limit.</summary>
    public const int MaxBodyBytes = 5 * 1024 * 1024;
}
