namespace Dynamo.Testing;

/// <summary>Table names no other test uses, so tests share one DynamoDB Local without seeing each other.</summary>
public static class UniqueNames
{
    public static string Table(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 255)];
}
