namespace Dynamo.Client.Keys;

/// <summary>
/// The identity of a row's DynamoDB item as far as the client can tell: two rows the server would store under one
/// key always get equal <see cref="ItemIdentity"/>s. The reverse may not hold (see <see cref="KeyFields"/>), which only
/// costs a little concurrency, never order.
/// </summary>
internal sealed record ItemIdentity(string Value);
