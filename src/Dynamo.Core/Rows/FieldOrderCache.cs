namespace Dynamo.Core.Rows;

/// <summary>
/// The canonical order of the last row's fields. The rows of one request nearly always list the same fields
/// in the same order (one producer wrote them), so comparing their names' ids (<see cref="RowFieldList.NameIds"/>)
/// replaces sorting them. One per request: not thread-safe.
/// </summary>
internal sealed class FieldOrderCache
{
    private int[] _nameIds = new int[16];
    private CanonicalJson.NameOrder[] _order = new CanonicalJson.NameOrder[16];
    private int _count = -1;

    /// <summary>Fills <paramref name="order"/> from the last row when this row's field names are the same, in the same order.</summary>
    internal bool TryReuse(ReadOnlySpan<int> nameIds, Span<CanonicalJson.NameOrder> order)
    {
        if (nameIds.Length != _count || !nameIds.SequenceEqual(_nameIds.AsSpan(0, _count))) return false;
        _order.AsSpan(0, _count).CopyTo(order);
        return true;
    }

    /// <summary>Remembers a row's order, unless a name of it has no id (then the next row sorts its own).</summary>
    internal void Remember(ReadOnlySpan<int> nameIds, ReadOnlySpan<CanonicalJson.NameOrder> order)
    {
        _count = -1;
        if (nameIds.Contains(-1)) return;
        if (_nameIds.Length < nameIds.Length)
        {
            _nameIds = new int[nameIds.Length];
            _order = new CanonicalJson.NameOrder[nameIds.Length];
        }
        nameIds.CopyTo(_nameIds);
        order.CopyTo(_order);
        _count = nameIds.Length;
    }
}
