using System;

namespace H2Sharp.Hpack;

/// <summary>Field representations (RFC 7541 section 6).</summary>
public sealed partial class HpackDecoder
{
    /// <summary>
    /// Decodes one representation at the start of <paramref name="source"/>.
    /// Returns the bytes consumed, or 0 when <paramref name="source"/> ends inside it; then
    /// <see cref="_pendingNeeded"/> tells how many bytes are needed to go on, and nothing has
    /// changed. A field that is dropped without decoding may consume all of
    /// <paramref name="source"/> and leave the rest to <see cref="_skipRemaining"/>.
    /// </summary>
    private int DecodeField<THandler>(ReadOnlySpan<byte> source, ref THandler handler)
        where THandler : IHeaderHandler
    {
        byte first = source[0];
        int position;
        if (first >= 0x80)
        {
            // Indexed Header Field Representation (section 6.1): 1xxxxxxx.
            position = HpackInteger.Read(source, 0, 7, out int index);
            if (position < 0)
            {
                return NeedMore(source.Length + 1);
            }

            BeginField();
            EmitIndexed(index, ref handler);
            return position;
        }

        if ((first & 0xE0) == 0x20)
        {
            // Dynamic Table Size Update (section 6.3): 001xxxxx.
            position = HpackInteger.Read(source, 0, 5, out int size);
            if (position < 0)
            {
                return NeedMore(source.Length + 1);
            }

            ApplySizeUpdate(size);
            return position;
        }

        // Literal Header Field with Incremental Indexing (6.2.1): 01xxxxxx; without Indexing
        // (6.2.2): 0000xxxx; Never Indexed (6.2.3): 0001xxxx.
        bool indexing = first >= 0x40;
        bool neverIndexed = !indexing && first >= 0x10;
        position = HpackInteger.Read(source, 0, indexing ? 6 : 4, out int nameIndex);
        if (position < 0)
        {
            return NeedMore(source.Length + 1);
        }

        int nameStart = position;
        int nameLength;
        bool nameHuffman = false;
        if (nameIndex == 0)
        {
            if (position >= source.Length)
            {
                return NeedMore(position + 1);
            }

            nameHuffman = source[position] >= 0x80;
            position = HpackInteger.Read(source, position, 7, out nameLength);
            if (position < 0)
            {
                return NeedMore(source.Length + 1);
            }

            CheckNameLength(nameLength, nameHuffman);
            nameStart = position;
            if ((long)position + nameLength >= source.Length)
            {
                return NeedMore(position + nameLength + 1);
            }

            position += nameLength;
        }
        else
        {
            nameLength = GetIndexedName(nameIndex).Length;
        }

        if (position >= source.Length)
        {
            return NeedMore(position + 1);
        }

        bool valueHuffman = source[position] >= 0x80;
        position = HpackInteger.Read(source, position, 7, out int valueLength);
        if (position < 0)
        {
            return NeedMore(source.Length + 1);
        }

        int valueStart = position;
        long end = (long)position + valueLength;

        // Decide from the encoded lengths (a lower bound for Huffman) whether the field's bytes
        // are needed at all: to pass on within the list limit, or to enter the table.
        long minimumSize = MinimumLength(nameLength, nameHuffman) + MinimumLength(valueLength, valueHuffman) + HeaderField.EntryOverhead;
        bool keep = !_overLimit && _listSize + minimumSize <= _maxHeaderListSize;
        if (!keep && !(indexing && minimumSize <= _table.MaxSize))
        {
            BeginField();
            _overLimit = true;
            _listSize += minimumSize;
            if (indexing)
            {
                // Too large for the table whatever it decodes to: adding it empties the table
                // (RFC 7541 section 4.4), and its bytes are not needed.
                _table.Clear();
            }

            if (end > source.Length)
            {
                _skipRemaining = end - source.Length;
                return source.Length;
            }

            return (int)end;
        }

        if (end > source.Length)
        {
            return NeedMore(end);
        }

        BeginField();
        ReadOnlySpan<byte> name = nameIndex == 0
            ? ReadString(source.Slice(nameStart, nameLength), nameHuffman, ref _nameScratch)
            : GetIndexedName(nameIndex);
        ReadOnlySpan<byte> value = ReadString(source.Slice(valueStart, valueLength), valueHuffman, ref _valueScratch);

        keep = CountField(name.Length, value.Length);
        if (indexing && _table.Add(name, value))
        {
            name = _table.GetName(0);
            value = _table.GetValue(0);
        }

        if (keep)
        {
            handler.OnHeader(name, value, neverIndexed);
        }

        return (int)end;
    }

    private int NeedMore(long needed)
    {
        // Bounded by CheckNameLength and the list and table limits; only absurd limits reach this.
        if (needed > Array.MaxLength)
        {
            throw new HpackStringLengthException("A header field is longer than a buffer can hold.");
        }

        _pendingNeeded = (int)needed;
        return 0;
    }

    private static long MinimumLength(int encodedLength, bool huffman) =>
        huffman ? (long)encodedLength * 8 / 30 : encodedLength; // the longest code has 30 bits

    // A name no limit could ever accept is refused before it is buffered: the only part of a
    // field whose bytes are needed before the skip decision can be made.
    private void CheckNameLength(int nameLength, bool huffman)
    {
        long limit = Math.Max(_maxHeaderListSize, _maxDynamicTableSize);
        if (MinimumLength(nameLength, huffman) + HeaderField.EntryOverhead > limit)
        {
            throw new HpackStringLengthException(
                $"A literal header name of {nameLength} encoded octets is longer than the header list size or table size allows.");
        }
    }

    private static ReadOnlySpan<byte> ReadString(ReadOnlySpan<byte> encoded, bool huffman, ref byte[] scratch)
    {
        if (!huffman)
        {
            return encoded;
        }

        int max = Huffman.MaxDecodedLength(encoded.Length);
        if (scratch.Length < max)
        {
            scratch = new byte[Math.Max(max, 2 * scratch.Length)];
        }

        int length = Huffman.Decode(encoded, scratch);
        return scratch.AsSpan(0, length);
    }

    // Counts a decoded field; returns true if it is within the list limit and is passed on.
    private bool CountField(int nameLength, int valueLength)
    {
        long size = (long)nameLength + valueLength + HeaderField.EntryOverhead;
        _listSize += size;
        if (!_overLimit && _listSize > _maxHeaderListSize)
        {
            _overLimit = true;
        }

        return !_overLimit;
    }

    private void EmitIndexed<THandler>(int index, ref THandler handler)
        where THandler : IHeaderHandler
    {
        ReadOnlySpan<byte> name;
        ReadOnlySpan<byte> value;
        if ((uint)(index - 1) < StaticTable.Count)
        {
            name = StaticTable.GetName(index);
            value = StaticTable.GetValue(index);
        }
        else
        {
            int dynamicIndex = CheckDynamicIndex(index);
            name = _table.GetName(dynamicIndex);
            value = _table.GetValue(dynamicIndex);
        }

        if (CountField(name.Length, value.Length))
        {
            handler.OnHeader(name, value, neverIndexed: false);
        }
    }

    private ReadOnlySpan<byte> GetIndexedName(int index)
    {
        return (uint)(index - 1) < StaticTable.Count
            ? StaticTable.GetName(index)
            : _table.GetName(CheckDynamicIndex(index));
    }

    private int CheckDynamicIndex(int index)
    {
        // "Indices strictly greater than the sum of the lengths of both tables MUST be treated as
        // a decoding error." and "The index value of 0 is not used. It MUST be treated as a
        // decoding error if found in an indexed header field representation." (RFC 7541 2.3.3, 6.1)
        int dynamicIndex = index - StaticTable.Count - 1;
        if (index == 0 || dynamicIndex >= _table.Count)
        {
            throw new HpackIndexException(
                $"Header field index {index} is not in the static table (1-61) or the dynamic table ({_table.Count} entries).");
        }

        return dynamicIndex;
    }

    private void BeginField()
    {
        if (!_fieldSeen)
        {
            CheckRequiredUpdate();
            _fieldSeen = true;
        }
    }

    private void ApplySizeUpdate(int size)
    {
        // "A dynamic table size update ... MUST occur at the beginning of the first header block
        // following the change" and "must occur at the beginning of a header block" (RFC 7541
        // section 4.2); after a field it is a decoding error.
        if (_fieldSeen)
        {
            throw new HpackTableSizeUpdateException("A dynamic table size update follows a header field in the block.");
        }

        // "The new maximum size MUST be lower than or equal to the limit determined by the
        // protocol using HPACK. A value that exceeds this limit MUST be treated as a decoding
        // error." (RFC 7541 section 6.3)
        if (size > _maxDynamicTableSize)
        {
            throw new HpackTableSizeUpdateException(
                $"A dynamic table size update to {size} exceeds the allowed {_maxDynamicTableSize}.");
        }

        if (_requiredUpdateCeiling >= 0 && size <= _requiredUpdateCeiling)
        {
            _requiredUpdateCeiling = -1;
        }

        _table.SetMaxSize(size);
    }
}
