namespace Dynamo.Core.Writing;

/// <summary>
/// The table rows are written to, and its key attributes: DynamoDB names the rows it did not process by
/// their items, so the writer recognises them by key.
/// </summary>
/// <param name="Versioned">
/// The dataset has a version field: each row is a conditional PutItem (<see cref="Wire.WireConditionalPutRequest"/>)
/// instead of a put in a BatchWriteItem, which takes no conditions.
/// </param>
public sealed record WriteTarget(string Table, string PartitionKey, string? SortKey = null, bool Versioned = false);
