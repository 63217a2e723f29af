using System.Buffers;

namespace Dynamo.Core.Rows;

/// <summary>
/// Where the items of one request are written, one after another in large pooled chunks: thousands of small
/// arrays that all live until the request is answered would each be copied by every collection meanwhile,
/// and a fresh large array per request would bring full collections. An item is written, then either kept
/// (<see cref="Keep"/>) or dropped (<see cref="Drop"/>, an invalid row). Disposing gives the chunks back:
/// the items must not be read after that.
/// </summary>
internal sealed class ItemArena(int chunkBytes) : IBufferWriter<byte>, IDisposable
{
    private readonly List<byte[]> _chunks = [];
    private byte[] _chunk = [];
    private int _start, _end;

    public void Advance(int count) => _end += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _chunk.AsMemory(_end);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _chunk.AsSpan(_end);
    }

    /// <summary>The bytes written since the last keep or drop, kept for as long as the returned memory is.</summary>
    public ReadOnlyMemory<byte> Keep()
    {
        var item = _chunk.AsMemory(_start, _end - _start);
        _start = _end;
        return item;
    }

    public void Drop() => _end = _start;

    /// <summary>Moves the item being written to a new chunk when it would not fit; kept items stay where they are.</summary>
    private void Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_chunk.Length - _end >= needed) return;
        var written = _end - _start;
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(chunkBytes, 2 * (written + needed)));
        _chunks.Add(next);
        _chunk.AsSpan(_start, written).CopyTo(next);
        _chunk = next;
        _start = 0;
        _end = written;
    }

    public void Dispose()
    {
        foreach (var chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
        _chunks.Clear();
        _chunk = [];
        _start = _end = 0;
    }
}
