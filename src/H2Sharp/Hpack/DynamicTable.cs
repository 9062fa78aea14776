using System;

namespace H2Sharp.Hpack;

/// <summary>
/// The HPACK dynamic table (RFC 7541 sections 2.3.2 and 4): a ring of entries whose names and
/// values live in one byte buffer, so adding an entry allocates nothing.
/// </summary>
/// <remarks>
/// Each entry's bytes are kept contiguous (name then value) so they can be handed out as spans:
/// an entry that does not fit before the end of the buffer goes to its start instead. With a
/// buffer of twice the maximum size this always finds room once the oldest entries are evicted
/// (the live bytes plus the new entry are at most MaxSize, and the skipped tail is shorter than
/// the entry that skipped it). Entries are numbered from 0 = newest, as HPACK counts them.
/// </remarks>
internal sealed class DynamicTable
{
    private byte[] _buffer;
    private Entry[] _entries;   // ring; _newest is the slot of entry 0
    private int _newest = -1;
    private int _count;

    /// <summary>Creates a table.</summary>
    /// <param name="maxSize">The initial maximum size in octets.</param>
    public DynamicTable(int maxSize)
    {
        MaxSize = maxSize;
        _buffer = new byte[2 * maxSize];
        _entries = new Entry[maxSize / HeaderField.EntryOverhead + 1];
    }

    /// <summary>The number of entries.</summary>
    public int Count => _count;

    /// <summary>The size in octets: name + value + 32 per entry (RFC 7541 section 4.1).</summary>
    public int Size { get; private set; }

    /// <summary>The maximum size in octets.</summary>
    public int MaxSize { get; private set; }

    /// <summary>The name of entry <paramref name="index"/> (0 = newest).</summary>
    /// <param name="index">0 to Count - 1.</param>
    /// <returns>The name bytes, valid until the next change to the table.</returns>
    public ReadOnlySpan<byte> GetName(int index)
    {
        ref readonly Entry e = ref _entries[Slot(index)];
        return _buffer.AsSpan(e.Offset, e.NameLength);
    }

    /// <summary>The value of entry <paramref name="index"/> (0 = newest).</summary>
    /// <param name="index">0 to Count - 1.</param>
    /// <returns>The value bytes, valid until the next change to the table.</returns>
    public ReadOnlySpan<byte> GetValue(int index)
    {
        ref readonly Entry e = ref _entries[Slot(index)];
        return _buffer.AsSpan(e.Offset + e.NameLength, e.ValueLength);
    }

    /// <summary>Changes the maximum size, evicting the oldest entries as needed (RFC 7541 section 4.3).</summary>
    /// <param name="maxSize">The new maximum in octets.</param>
    public void SetMaxSize(int maxSize)
    {
        MaxSize = maxSize;
        EvictUntil(maxSize);
        if (2L * maxSize > _buffer.Length || maxSize / HeaderField.EntryOverhead + 1 > _entries.Length)
        {
            Reallocate(maxSize);
        }
    }

    /// <summary>Empties the table, as adding an entry larger than the maximum does (RFC 7541 section 4.4).</summary>
    public void Clear()
    {
        _count = 0;
        _newest = -1;
        Size = 0;
    }

    /// <summary>Adds an entry (RFC 7541 section 4.4). The name may be a span of this table's own buffer.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <returns>True if added; false if the entry is larger than the maximum and the table was emptied.</returns>
    public bool Add(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        long entrySize = (long)name.Length + value.Length + HeaderField.EntryOverhead;

        // "an attempt to add an entry larger than the maximum size causes the table to be emptied
        // of all existing entries and results in an empty table" (RFC 7541 section 4.4)
        if (entrySize > MaxSize)
        {
            Clear();
            return false;
        }

        // "entries are evicted from the end of the dynamic table until the size of the dynamic
        // table is less than or equal to (maximum size - new entry size)"
        EvictUntil(MaxSize - (int)entrySize);
        int length = name.Length + value.Length;
        int offset = FindRoom(length);
        if (offset < 0)
        {
            Reallocate(MaxSize); // compacts; cannot happen by the argument above, kept as a guard
            offset = FindRoom(length);
        }

        // The name may lie in an evicted entry's bytes that the new entry overlaps: CopyTo is a
        // memmove, and the name is copied before the value is written behind it.
        name.CopyTo(_buffer.AsSpan(offset));
        value.CopyTo(_buffer.AsSpan(offset + name.Length));
        _newest = _count == 0 ? 0 : (_newest + 1) % _entries.Length;
        _entries[_newest] = new Entry(offset, name.Length, value.Length);
        _count++;
        Size += (int)entrySize;
        return true;
    }

    /// <summary>Finds a field, newest entry first.</summary>
    /// <param name="name">The name.</param>
    /// <param name="value">The value.</param>
    /// <param name="nameIndex">The newest entry with this name (0-based) or -1.</param>
    /// <returns>The newest entry with this name and value (0-based), or -1.</returns>
    public int Find(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, out int nameIndex)
    {
        nameIndex = -1;
        int slot = _newest;
        for (int i = 0; i < _count; i++)
        {
            ref readonly Entry e = ref _entries[slot];
            if (e.NameLength == name.Length && _buffer.AsSpan(e.Offset, e.NameLength).SequenceEqual(name))
            {
                if (e.ValueLength == value.Length && _buffer.AsSpan(e.Offset + e.NameLength, e.ValueLength).SequenceEqual(value))
                {
                    return i;
                }

                if (nameIndex < 0)
                {
                    nameIndex = i;
                }
            }

            slot = slot == 0 ? _entries.Length - 1 : slot - 1;
        }

        return -1;
    }

    private int Slot(int index)
    {
        int slot = _newest - index;
        return slot < 0 ? slot + _entries.Length : slot;
    }

    private void EvictUntil(int size)
    {
        while (Size > size && _count > 0)
        {
            ref readonly Entry oldest = ref _entries[Slot(_count - 1)];
            Size -= oldest.NameLength + oldest.ValueLength + HeaderField.EntryOverhead;
            _count--;
        }

        if (_count == 0)
        {
            _newest = -1;
        }
    }

    // Where a run of `length` bytes fits without overlapping live entries, or -1.
    private int FindRoom(int length)
    {
        if (_count == 0)
        {
            return length <= _buffer.Length ? 0 : -1;
        }

        ref readonly Entry newest = ref _entries[_newest];
        ref readonly Entry oldest = ref _entries[Slot(_count - 1)];
        int end = newest.Offset + newest.NameLength + newest.ValueLength;
        if (newest.Offset >= oldest.Offset)
        {
            // Live bytes are [oldest.Offset, end): room after them, else before them.
            if (end + length <= _buffer.Length)
            {
                return end;
            }

            return length <= oldest.Offset ? 0 : -1;
        }

        // Wrapped: live bytes are [oldest.Offset, skipped tail) and [0, end).
        return end + length <= oldest.Offset ? end : -1;
    }

    private void Reallocate(int maxSize)
    {
        var buffer = new byte[Math.Max(2 * maxSize, _buffer.Length)];
        var entries = new Entry[Math.Max(maxSize / HeaderField.EntryOverhead + 1, _count)];
        int offset = 0;
        for (int i = _count - 1; i >= 0; i--)
        {
            ref readonly Entry e = ref _entries[Slot(i)];
            int length = e.NameLength + e.ValueLength;
            _buffer.AsSpan(e.Offset, length).CopyTo(buffer.AsSpan(offset));
            entries[_count - 1 - i] = new Entry(offset, e.NameLength, e.ValueLength);
            offset += length;
        }

        _buffer = buffer;
        _entries = entries;
        _newest = _count - 1;
    }

    private readonly record struct Entry(int Offset, int NameLength, int ValueLength);
}
