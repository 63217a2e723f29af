using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Writing;

/// <summary>One row ready for DynamoDB: its position in the request and the item to put.</summary>
public sealed record PendingWrite(int Index, WireItem Item);
