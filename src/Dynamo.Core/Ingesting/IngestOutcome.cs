using Dynamo.Contracts;
using Dynamo.Core.Writing;

namespace Dynamo.Core.Ingesting;

/// <summary>
/// What an ingest request came to: a <see cref="Reply"/> with a status per row, or a whole-request
/// <see cref="Refusal"/> (nothing written).
/// </summary>
public sealed record IngestOutcome
{
    private IngestOutcome() { }

    public IngestReply? Reply { get; private init; }
    public IngestRefusal? Refusal { get; private init; }
    /// <summary>What the writer did, for the invocation's log line and metrics; null when nothing was written.</summary>
    public WriteStatistics? Statistics { get; private init; }

    public static IngestOutcome Answered(IngestReply reply, WriteStatistics statistics) => new() { Reply = reply, Statistics = statistics };

    public static IngestOutcome Refused(int statusCode, string message, string type) =>
        new() { Refusal = new IngestRefusal(statusCode, new ErrorResponse(message, type)) };
}

/// <summary>A request refused whole, before any write: its HTTP status and JSON error body.</summary>
public sealed record IngestRefusal(int StatusCode, ErrorResponse Body);
