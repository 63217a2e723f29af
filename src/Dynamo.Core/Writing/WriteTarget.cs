namespace Dynamo.Core.Writing;

/// <summary>
/// The table rows are written to, and its key attributes: DynamoDB names the rows it did not process by
/// their items, so the writer recognises them by key.
/// </summary>
public sealed record WriteTarget(string Table, string PartitionKey, string? SortKey = null);
