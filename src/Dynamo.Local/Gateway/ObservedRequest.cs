namespace Dynamo.Local.Gateway;

/// <summary>One request as the gateway answered it: its access-log entry, the stage, and the function its route invokes (null when no route matched).</summary>
public sealed record ObservedRequest(AccessLogEntry Entry, string Stage, string? Function);
