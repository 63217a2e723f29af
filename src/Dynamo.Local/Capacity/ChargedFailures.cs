using System.Text.Json;

namespace Dynamo.Local.Capacity;

/// <summary>
/// Which of DynamoDB Local's error answers DynamoDB still charges: a write whose condition failed ("If a
/// ConditionExpression evaluates to false during a conditional write, DynamoDB still consumes write capacity from the
/// table", developer guide, WorkingWithItems), a PartiQL INSERT of a key that exists (an insert is a put on condition
/// that the item does not exist) or an UPDATE of one that does not, and a transaction cancelled by a failed condition
/// or a conflict ("This capacity is consumed even when the transaction is canceled"). Everything else (validation, a
/// missing table, a store error) charges nothing, so the units it took are given back.
/// </summary>
internal static class ChargedFailures
{
    private static readonly HashSet<string> ChargedCodes = new(StringComparer.Ordinal)
    {
        "ConditionalCheckFailed", "TransactionConflict", "DuplicateItem",
    };

    /// <summary>Whether an error answer (its __type and body) is still charged.</summary>
    public static bool IsCharged(JsonElement error)
    {
        var type = WireValue.Text(WireValue.Member(error, "__type")) ?? "";
        var name = type[(type.LastIndexOf('#') + 1)..];
        if (name == "TransactionCanceledException")
        {
            return WireValue.Member(error, "CancellationReasons") is { ValueKind: JsonValueKind.Array } reasons
                && reasons.EnumerateArray().Any(r => IsChargedCode(WireValue.Text(WireValue.Member(r, "Code"))));
        }
        return name is "ConditionalCheckFailedException" or "DuplicateItemException" or "DuplicateItem";
    }

    /// <summary>A BatchExecuteStatement response entry: charged unless its Error is one that charges nothing.</summary>
    public static bool IsChargedStatement(JsonElement response) =>
        WireValue.Member(response, "Error") is not { ValueKind: JsonValueKind.Object } error || IsChargedCode(WireValue.Text(WireValue.Member(error, "Code")));

    private static bool IsChargedCode(string? code) => code is not null && ChargedCodes.Contains(code);
}
