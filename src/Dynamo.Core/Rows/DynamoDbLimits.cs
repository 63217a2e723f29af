namespace Dynamo.Core.Rows;

/// <summary>
/// What DynamoDB refuses (and, refusing one item, fails its whole BatchWriteItem batch of 25), checked
/// before any write. Numbers from the DynamoDB developer guide: service quotas and data types.
/// </summary>
public static class DynamoDbLimits
{
    /// <summary>400 KB: attribute names (UTF-8) plus values, as DynamoDB sizes them.</summary>
    public const int MaxItemBytes = 400 * 1024;
    /// <summary>Numbers have up to 38 significant digits.</summary>
    public const int MaxSignificantDigits = 38;
    /// <summary>Positive numbers range from 1E-130 to 9.9999999999999999999999999999999999999E+125 (negative alike).</summary>
    public const int MinAdjustedExponent = -130;
    public const int MaxAdjustedExponent = 125;
    /// <summary>Nested maps and lists: 32 levels, the item itself being the first (measured on DynamoDB Local 1.25.1).</summary>
    public const int MaxNestingLevels = 32;
    /// <summary>An attribute name is at most 64 KB of UTF-8 (the guide's constraints on attributes).</summary>
    public const int MaxAttributeNameBytes = 64 * 1024;
    public const int MaxPartitionKeyBytes = 2048;
    public const int MaxSortKeyBytes = 1024;

    /// <summary>Null when DynamoDB stores the number; otherwise why it refuses it.</summary>
    public static string? NumberProblem(DecimalNumber number)
    {
        if (number.SignificantDigits > MaxSignificantDigits) return $"more than {MaxSignificantDigits} significant digits";
        if (!number.IsZero && (number.AdjustedExponent < MinAdjustedExponent || number.AdjustedExponent > MaxAdjustedExponent))
            return "outside DynamoDB's number range (1E-130 to 9.9999999999999999999999999999999999999E+125)";
        return null;
    }

    /// <summary>
    /// A number's size: the guide says one byte per two significant digits plus one; digits are stored in
    /// pairs aligned on the decimal point, so an odd alignment can cost one pair more. We count the upper
    /// bound, so an item we accept is never one DynamoDB refuses.
    /// </summary>
    public static int NumberBytes(DecimalNumber number) => NumberBytes(number.SignificantDigits);

    public static int NumberBytes(int significantDigits) => (significantDigits / 2) + 2;

    /// <summary>Booleans and nulls take one byte.</summary>
    public const int ScalarBytes = 1;
    /// <summary>A map or list takes 3 bytes, and each of its elements one more.</summary>
    public const int ContainerBytes = 3;
    public const int ElementBytes = 1;
}
