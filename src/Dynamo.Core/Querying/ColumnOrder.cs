using Dynamo.Core.Rows;

namespace Dynamo.Core.Querying;

/// <summary>
/// The order of a result's columns, in every format: the SELECT list's order when the statement names its
/// columns; for <c>SELECT *</c>, as the DynamoDB console shows an item, the key attributes, then the others by
/// name, with the system attributes last: any name starting with <c>_</c>, so <c>_h</c>, <c>_at</c>, ... and the
/// <c>_hash</c>, ... of items stored before the short names alike. DynamoDB itself returns an item's attributes
/// in no particular order, so the order is decided here, the same for every row.
/// </summary>
public sealed class ColumnOrder(IReadOnlyList<string>? projection, IReadOnlyList<string> keyFields) : IComparer<string>
{
    /// <summary>The columns among <paramref name="names"/>, in this order.</summary>
    public IReadOnlyList<string> Sort(IEnumerable<string> names) => [.. names.Order(this)];

    public int Compare(string? x, string? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var byRank = Rank(x).CompareTo(Rank(y));
        return byRank != 0 ? byRank : string.CompareOrdinal(x, y);
    }

    // Named columns first, in their order; a column the statement did not name (an index's key, say) after them.
    private int Rank(string name)
    {
        var listed = projection ?? keyFields;
        var position = IndexOf(listed, name);
        if (position >= 0) return position;
        return listed.Count + (SystemAttributes.IsSystem(name) ? 1 : 0);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
