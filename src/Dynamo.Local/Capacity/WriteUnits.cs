namespace Dynamo.Local.Capacity;

/// <summary>DynamoDB's write request unit: one write of an item up to 1 KB; larger items take one unit per started KB.</summary>
internal static class WriteUnits
{
    public const int BytesPerUnit = 1024;

    /// <summary>Units for one item of the given DynamoDB size: ceil(size / 1 KB), at least 1 (even an empty delete costs one).</summary>
    public static int ForItemOf(int bytes) => Math.Max(1, (bytes + BytesPerUnit - 1) / BytesPerUnit);
}
