using System.Runtime.InteropServices;
using System.Text.Json;

namespace Dynamo.Core.Rows;

/// <summary>
/// The canonical order of the last row's fields. The rows of one request nearly always list the same fields
/// in the same order (one producer wrote them), so comparing the names as written replaces sorting them.
/// One per request: not thread-safe.
/// </summary>
internal sealed class FieldOrderCache
{
    private byte[] _names = new byte[256];
    private int[] _ends = new int[16];
    private CanonicalJson.NameOrder[] _order = new CanonicalJson.NameOrder[16];
    private int _count = -1;

    /// <summary>Fills <paramref name="order"/> from the last row when this row's field names are the same, in the same order.</summary>
    internal bool TryReuse(ReadOnlySpan<JsonProperty> properties, Span<CanonicalJson.NameOrder> order)
    {
        if (properties.Length != _count) return false;
        var start = 0;
        for (var i = 0; i < properties.Length; i++)
        {
            if (!JsonMarshal.GetRawUtf8PropertyName(properties[i]).SequenceEqual(_names.AsSpan(start, _ends[i] - start))) return false;
            start = _ends[i];
        }
        _order.AsSpan(0, _count).CopyTo(order);
        return true;
    }

    internal void Remember(ReadOnlySpan<JsonProperty> properties, ReadOnlySpan<CanonicalJson.NameOrder> order)
    {
        if (_ends.Length < properties.Length)
        {
            _ends = new int[properties.Length];
            _order = new CanonicalJson.NameOrder[properties.Length];
        }
        var length = 0;
        for (var i = 0; i < properties.Length; i++)
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(properties[i]);
            if (_names.Length < length + name.Length) Array.Resize(ref _names, Math.Max(_names.Length * 2, length + name.Length));
            name.CopyTo(_names.AsSpan(length));
            length += name.Length;
            _ends[i] = length;
        }
        order.CopyTo(_order);
        _count = properties.Length;
    }
}
