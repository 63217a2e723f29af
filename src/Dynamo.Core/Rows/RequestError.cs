namespace Dynamo.Core.Rows;

/// <summary>A refused request: what kind of mistake, and a sentence telling the caller what to fix.</summary>
public sealed record RequestError(RequestErrorKind Kind, string Message);
