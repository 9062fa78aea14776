using System;
using H2Sharp.Hpack;

namespace H2Sharp;

/// <summary>
/// Receives decoded fields from the HPACK decoder into a reusable scratch array; <see cref="Build"/>
/// copies them into one exact-size array per header block and hands out <see cref="HeaderField"/>s
/// that slice it (the events own it). A name or value equal to the one at the same place in the
/// previous block shares that block's bytes instead (they are read-only once built): on a
/// connection most fields repeat from request to request, which is why HPACK indexes them, so
/// most blocks copy only the few bytes that changed. In discard mode fields are dropped (the
/// block is decoded only to keep the HPACK state in step).
/// </summary>
internal sealed class HeaderCollector : IHeaderHandler
{
    private byte[] _bytes = new byte[512];
    private int _used;
    private (int Offset, int NameLength, int ValueLength, bool NeverIndexed)[] _fields = new (int, int, int, bool)[16];
    private int _count;
    private HeaderField[] _previous = Array.Empty<HeaderField>();

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

    /// <summary>
    /// The fields of the block, in an array the caller now owns; each name and value is either the
    /// same bytes of the previous block (shared, never written again) or a slice of one new array.
    /// </summary>
    public HeaderField[] Build()
    {
        if (_count == 0)
        {
            return Array.Empty<HeaderField>();
        }

        var result = new HeaderField[_count];
        HeaderField[] previous = _previous;
        int fresh = 0;
        for (int i = 0; i < _count; i++)
        {
            var (offset, nameLength, valueLength, _) = _fields[i];
            if (i >= previous.Length)
            {
                fresh += nameLength + valueLength;
                continue;
            }

            if (!previous[i].Name.Span.SequenceEqual(_bytes.AsSpan(offset, nameLength)))
            {
                fresh += nameLength;
            }

            if (!previous[i].Value.Span.SequenceEqual(_bytes.AsSpan(offset + nameLength, valueLength)))
            {
                fresh += valueLength;
            }
        }

        // One array for the bytes that changed; the second pass repeats the compares (short, and
        // cheaper than remembering each outcome for a block of any length).
        byte[] owned = fresh == 0 ? Array.Empty<byte>() : new byte[fresh];
        int used = 0;
        for (int i = 0; i < _count; i++)
        {
            var (offset, nameLength, valueLength, never) = _fields[i];
            ReadOnlySpan<byte> name = _bytes.AsSpan(offset, nameLength);
            ReadOnlySpan<byte> value = _bytes.AsSpan(offset + nameLength, valueLength);
            ReadOnlyMemory<byte> nameMemory = i < previous.Length && previous[i].Name.Span.SequenceEqual(name)
                ? previous[i].Name
                : Own(name, owned, ref used);
            ReadOnlyMemory<byte> valueMemory = i < previous.Length && previous[i].Value.Span.SequenceEqual(value)
                ? previous[i].Value
                : Own(value, owned, ref used);
            result[i] = new HeaderField(nameMemory, valueMemory, never);
        }

        _previous = result;
        _count = 0;
        _used = 0;
        return result;
    }

    private static ReadOnlyMemory<byte> Own(ReadOnlySpan<byte> bytes, byte[] owned, ref int used)
    {
        if (bytes.IsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        bytes.CopyTo(owned.AsSpan(used));
        var memory = new ReadOnlyMemory<byte>(owned, used, bytes.Length);
        used += bytes.Length;
        return memory;
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
