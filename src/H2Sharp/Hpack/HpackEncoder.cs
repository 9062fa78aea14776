using System;
using System.Buffers;

namespace H2Sharp.Hpack;

/// <summary>
/// Encodes header lists into HPACK header blocks (RFC 7541). One encoder per connection and
/// direction; its dynamic table mirrors the peer decoder's.
/// </summary>
/// <remarks>
/// Policy (see docs/hpack.md): a field found whole in a table is sent as an index; otherwise
/// it is a literal, with the name as an index when a table has it. Literals enter the table
/// (incremental indexing) unless indexing is off, the field is marked never-index (then it is
/// sent as never indexed and never enters the table), it is larger than 3/4 of the table, or
/// its name is one whose values are usually unique (<c>:path</c>, <c>age</c>,
/// <c>content-length</c>, <c>etag</c>, <c>if-modified-since</c>, <c>if-none-match</c>).
/// Strings are Huffman-coded only when that is not longer (ties go to Huffman, as in RFC 7541 C.6).
/// </remarks>
public sealed class HpackEncoder
{
    /// <summary>
    /// The default of <see cref="MaxTableSizeLimit"/>: the encoder uses at most 64 KiB of table
    /// (128 KiB of buffer) whatever the peer allows; more brings little and costs memory.
    /// </summary>
    public const int DefaultMaxTableSizeLimit = 65_536;

    private readonly DynamicTable _table = new(HpackDecoder.DefaultTableSize);
    /// <summary>Places in a block that keep a hint (see <see cref="TryEncodeHinted"/>); enough for common blocks.</summary>
    private const int MaxHints = 64;

    private readonly EncoderIndex _index;
    private int[] _hints = [];
    private int _peerMaxTableSize;
    private int _maxTableSizeLimit = DefaultMaxTableSizeLimit;
    private bool _updatePending;
    private int _pendingSmallest;
    private int _pendingFinal;

    /// <summary>Creates an encoder.</summary>
    /// <param name="maxDynamicTableSize">The peer's SETTINGS_HEADER_TABLE_SIZE. Both sides start at 4,096; any other value is announced by a size update at the start of the first block.</param>
    public HpackEncoder(int maxDynamicTableSize = HpackDecoder.DefaultTableSize)
    {
        _index = new EncoderIndex(_table);
        _peerMaxTableSize = HpackDecoder.DefaultTableSize;
        SetMaxDynamicTableSize(maxDynamicTableSize);
    }

    /// <summary>Huffman-code strings where that is not longer (RFC 7541 section 5.2). Default true.</summary>
    public bool UseHuffman { get; set; } = true;

    /// <summary>Add fields to the dynamic table where that pays off. Default true; when false, only the static table and existing entries are used.</summary>
    public bool UseIndexing { get; set; } = true;

    /// <summary>The dynamic table's current size in octets.</summary>
    public int DynamicTableSize => _table.Size;

    /// <summary>
    /// The most table the encoder uses, whatever the peer allows (the encoder may use less than
    /// the peer's maximum, RFC 7541 section 4.2). Changing it takes effect like a settings change.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 2^30.</exception>
    public int MaxTableSizeLimit
    {
        get => _maxTableSizeLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, HpackDecoder.MaxTableSizeSetting);
            _maxTableSizeLimit = value;
            Schedule(Math.Min(_peerMaxTableSize, value));
        }
    }

    /// <summary>The dynamic table, for tests and diagnostics.</summary>
    internal DynamicTable Table => _table;

    /// <summary>Whether places in a block remember their last match (tests compare with this off: the bytes must not change).</summary>
    internal bool UseFieldHints { get; set; } = true;

    /// <summary>
    /// The peer's SETTINGS_HEADER_TABLE_SIZE changed: the next block starts with size updates,
    /// the smallest value first when it changed more than once (RFC 7541 section 4.2).
    /// </summary>
    /// <param name="size">The new value.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public void SetMaxDynamicTableSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _peerMaxTableSize = size;
        Schedule(Math.Min(size, _maxTableSizeLimit));
    }

    private void Schedule(int effective)
    {
        if (!_updatePending)
        {
            if (effective == _table.MaxSize)
            {
                return;
            }

            _updatePending = true;
            _pendingSmallest = effective;
        }

        _pendingSmallest = Math.Min(_pendingSmallest, effective);
        _pendingFinal = effective;
    }

    /// <summary>Encodes one header list as one header block.</summary>
    /// <param name="headers">The fields, in order.</param>
    /// <param name="output">Receives the block.</param>
    public void Encode(ReadOnlySpan<HeaderField> headers, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);

        // One span for the whole block, from a bound no field can exceed (its representation
        // octet and two string lengths, each at most an HPACK integer, plus its raw bytes:
        // Huffman is used only when it is not longer), so the writer is asked once per block.
        long bound = 2 * HpackInteger.MaxEncodedLength;
        for (int i = 0; i < headers.Length; i++)
        {
            bound += (3 * HpackInteger.MaxEncodedLength) + (long)headers[i].Name.Length + headers[i].Value.Length;
        }

        if (bound > int.MaxValue)
        {
            throw new ArgumentException("The header list is too large to encode (over 2 GiB).", nameof(headers));
        }

        Span<byte> span = output.GetSpan((int)bound);
        int position = 0;
        if (_updatePending)
        {
            position = WriteSizeUpdates(span);
        }

        int hinted = UseFieldHints ? Math.Min(headers.Length, MaxHints) : 0;
        if (_hints.Length < hinted)
        {
            Array.Resize(ref _hints, hinted);
        }

        for (int i = 0; i < headers.Length; i++)
        {
            ref readonly HeaderField field = ref headers[i];
            ReadOnlySpan<byte> name = field.Name.Span;
            ReadOnlySpan<byte> value = field.Value.Span;
            if (i < hinted)
            {
                int hint = _hints[i];
                int written = hint == 0 || field.NeverIndex ? -1 : TryEncodeHinted(name, value, hint, span, position);
                if (written >= 0)
                {
                    position = written;
                }
                else
                {
                    _hints[i] = EncodeField(name, value, field.NeverIndex, span, ref position);
                }
            }
            else
            {
                EncodeField(name, value, field.NeverIndex, span, ref position);
            }
        }

        output.Advance(position);
    }

    /// <summary>
    /// Callers tend to send the same fields in the same places block after block. Each place
    /// remembers which table entry its field matched in full last time; if that entry still
    /// holds the same bytes, the field is that entry, found with two compares instead of the
    /// static-table search, two hashes and a chain walk. A table entry is unique (the encoder
    /// adds a field only when no entry matches it, and never one the static table holds), so
    /// the output is exactly what the full search would give.
    /// </summary>
    /// <returns>The position after the index written, or -1 when the hint no longer matches.</returns>
    private int TryEncodeHinted(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int hint, Span<byte> span, int position)
    {
        if (hint < 0)
        {
            if (!StaticTable.GetName(-hint).SequenceEqual(name) || !StaticTable.GetValue(-hint).SequenceEqual(value))
            {
                return -1;
            }

            return HpackInteger.Write(span, position, -hint, 7, 0x80);
        }

        // Sequence numbers are renumbered when the index is rebuilt: the compares below catch a
        // hint that now names another entry.
        int index = _index.Newest - (hint - 1);
        if ((uint)index >= (uint)_table.Count || !_table.GetName(index).SequenceEqual(name) || !_table.GetValue(index).SequenceEqual(value))
        {
            return -1;
        }

        return HpackInteger.Write(span, position, StaticTable.Count + 1 + index, 7, 0x80);
    }

    private int WriteSizeUpdates(Span<byte> span)
    {
        // "the smallest maximum table size that occurs in that interval MUST be signaled in a
        // dynamic table size update. The final maximum size is always signaled" (RFC 7541 4.2)
        int position = 0;
        if (_pendingSmallest < _pendingFinal)
        {
            position = HpackInteger.Write(span, position, _pendingSmallest, 5, 0x20);
            _table.SetMaxSize(_pendingSmallest);
        }

        position = HpackInteger.Write(span, position, _pendingFinal, 5, 0x20);
        _table.SetMaxSize(_pendingFinal);
        _index.Rebuild(_table);
        _updatePending = false;
        return position;
    }

    /// <summary>Encodes one field; returns its hint: -(static index) or 1 + the dynamic entry's sequence number on a full match, else 0.</summary>
    private int EncodeField(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndex, Span<byte> span, ref int position)
    {
        int staticIndex = StaticTable.Find(name, value, out int staticName);
        int nameIndex = staticName;
        int nameHash = 0;
        int fieldHash = 0;
        bool hashed = false;
        if (!neverIndex)
        {
            if (staticIndex != 0)
            {
                position = HpackInteger.Write(span, position, staticIndex, 7, 0x80);
                return -staticIndex;
            }

            int dynamicName = -1;
            int dynamicIndex = -1;
            if (_table.Count > 0)
            {
                nameHash = EncoderIndex.HashName(name);
                fieldHash = EncoderIndex.HashField(nameHash, value);
                hashed = true;
                dynamicIndex = _index.Find(_table, name, value, nameHash, fieldHash, out dynamicName);
            }

            if (dynamicIndex >= 0)
            {
                position = HpackInteger.Write(span, position, StaticTable.Count + 1 + dynamicIndex, 7, 0x80);
                return _index.Newest - dynamicIndex + 1;
            }

            if (nameIndex == 0 && dynamicName >= 0)
            {
                nameIndex = StaticTable.Count + 1 + dynamicName;
            }
        }
        else if (nameIndex == 0 && _table.Count > 0)
        {
            nameHash = EncoderIndex.HashName(name);
            _index.Find(_table, name, value, nameHash, EncoderIndex.HashField(nameHash, value), out int dynamicName);
            nameIndex = dynamicName >= 0 ? StaticTable.Count + 1 + dynamicName : 0;
        }

        bool index = false;
        if (neverIndex)
        {
            position = HpackInteger.Write(span, position, nameIndex, 4, 0x10);
        }
        else if (UseIndexing && ShouldIndex(staticName, name.Length + value.Length))
        {
            index = true;
            position = HpackInteger.Write(span, position, nameIndex, 6, 0x40);
        }
        else
        {
            position = HpackInteger.Write(span, position, nameIndex, 4, 0x00);
        }

        if (nameIndex == 0)
        {
            position = WriteString(span, position, name);
        }

        position = WriteString(span, position, value);
        if (index && _table.Add(name, value))
        {
            if (!hashed)
            {
                nameHash = EncoderIndex.HashName(name);
                fieldHash = EncoderIndex.HashField(nameHash, value);
            }

            _index.Added(_table, nameHash, fieldHash);
            // Next time this place may find the field it just added.
            return _index.Newest + 1;
        }

        return 0;
    }

    private bool ShouldIndex(int staticName, int length)
    {
        // An entry above 3/4 of the table would flush most of it for one field.
        if ((long)length + HeaderField.EntryOverhead > _table.MaxSize * 3L / 4)
        {
            return false;
        }

        // Names whose values are nearly always unique: indexing them only evicts useful entries.
        return staticName switch
        {
            4 or 21 or 28 or 34 or 40 or 41 => false, // :path age content-length etag if-modified-since if-none-match
            _ => true,
        };
    }

    private int WriteString(Span<byte> span, int position, ReadOnlySpan<byte> text)
    {
        if (UseHuffman)
        {
            long huffmanLength = Huffman.GetEncodedLength(text);
            // Ties go to Huffman, as RFC 7541 Appendix C.6 encodes "307" (3 octets either way).
            if (huffmanLength <= text.Length && text.Length > 0)
            {
                position = HpackInteger.Write(span, position, (int)huffmanLength, 7, 0x80);
                return position + Huffman.Encode(text, span[position..], huffmanLength);
            }
        }

        position = HpackInteger.Write(span, position, text.Length, 7, 0x00);
        text.CopyTo(span[position..]);
        return position + text.Length;
    }
}
