using System;
using H2Sharp.Hpack;

namespace H2Sharp;

/// <summary>
/// Receives decoded fields from the HPACK decoder into a reusable scratch array; <see cref="Build"/>
/// copies them into one exact-size array per header block and hands out <see cref="HeaderField"/>s
/// that slice it (the events own it). In discard mode fields are dropped (the block is decoded
/// only to keep the HPACK state in step).
/// </summary>
internal sealed class HeaderCollector : IHeaderHandler
{
    private byte[] _bytes = new byte[512];
    private int _used;
    private (int Offset, int NameLength, int ValueLength, bool NeverIndexed)[] _fields = new (int, int, int, bool)[16];
    private int _count;

    /// <summary>True to drop the fields of the current block.</summary>
    public bool Discard { get; private set; }

    /// <summary>Starts a new block.</summary>
    public void Reset(bool discard)
    {
        Discard = discard;
        _used = 0;
        _count = 0;
    }

    /// <inheritdoc/>
    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed)
    {
        if (Discard)
        {
            return;
        }

        int need = name.Length + value.Length;
        if (_bytes.Length - _used < need)
        {
            Grow(need);
        }

        name.CopyTo(_bytes.AsSpan(_used));
        value.CopyTo(_bytes.AsSpan(_used + name.Length));
        if (_count == _fields.Length)
        {
            Array.Resize(ref _fields, _count * 2);
        }

        _fields[_count++] = (_used, name.Length, value.Length, neverIndexed);
        _used += need;
    }

    /// <summary>The fields of the block, slicing one array that the caller now owns.</summary>
    public HeaderField[] Build()
    {
        if (_count == 0)
        {
            return Array.Empty<HeaderField>();
        }

        var memory = new ReadOnlyMemory<byte>(_bytes.AsSpan(0, _used).ToArray());
        var result = new HeaderField[_count];
        for (int i = 0; i < _count; i++)
        {
            var (offset, nameLength, valueLength, never) = _fields[i];
            result[i] = new HeaderField(memory.Slice(offset, nameLength), memory.Slice(offset + nameLength, valueLength), never);
        }

        _count = 0;
        _used = 0;
        return result;
    }

    private void Grow(int need)
    {
        // The scratch keeps its high-water mark (bounded by MaxHeaderListSize via the decoder).
        int size = Math.Max(_bytes.Length * 2, _used + need);
        var bigger = new byte[size];
        _bytes.AsSpan(0, _used).CopyTo(bigger);
        _bytes = bigger;
    }
}
