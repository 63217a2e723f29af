namespace Dynamo.Core.Datasets;

/// <summary>
/// The field of a versioned dataset that orders the updates of one key: a number, or an RFC 3339 date-time
/// (stored normalised to UTC, as key date-times are). Its value is also stored as the number
/// <see cref="Rows.SystemAttributes.Version"/>, which DynamoDB's condition compares.
/// </summary>
public sealed record VersionField(string Name, bool IsDateTime);
