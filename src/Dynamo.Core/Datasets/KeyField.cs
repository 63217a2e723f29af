using Amazon.DynamoDBv2;

namespace Dynamo.Core.Datasets;

/// <summary>A key attribute of a dataset's table: the row field it comes from and its DynamoDB type.</summary>
/// <param name="IsDateTime">Declared with format date-time: stored normalised to UTC "Z".</param>
public sealed record KeyField(string Name, ScalarAttributeType Type, bool IsDateTime);
