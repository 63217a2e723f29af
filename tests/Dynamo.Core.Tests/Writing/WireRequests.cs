using Amazon.DynamoDBv2.Model;
using Dynamo.Core.Writing.Wire;

namespace Dynamo.Core.Tests.Writing;

/// <summary>What a scripted store reads from the writer's calls: the items each one puts, read back from their wire JSON.</summary>
public static class WireRequests
{
    public static List<Dictionary<string, AttributeValue>> PutItems(this BatchWriteItemRequest request) =>
        [.. ((WireBatchWriteItemRequest)request).Items.Select(i => new Dictionary<string, AttributeValue>(i.Attributes))];
}
