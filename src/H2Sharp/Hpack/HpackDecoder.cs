using System;

namespace H2Sharp.Hpack;

/// <summary>
/// Decodes HPACK header blocks (RFC 7541), one fragment at a time: a HEADERS or PUSH_PROMISE
/// fragment, then its CONTINUATION fragments. Fields go to an <see cref="IHeaderHandler"/> as
/// they complete, as spans over the input, the dynamic table or a scratch buffer; only the
/// bytes of a field cut by a fragment boundary are kept between calls.
/// </summary>
/// <remarks>
/// The decoder enforces <see cref="MaxHeaderListSize"/> while it decodes: once a block's list
/// passes the limit, no more fields are passed on or kept (fields that need no table update are
/// skipped without being decoded), but the block is still processed to its end so the dynamic
/// table stays in step; the call with <c>endHeaders</c> then throws
/// <see cref="HeaderListTooLargeException"/>. Any malformation throws a subclass of
/// <see cref="HpackDecodingException"/>; after one, the decoder is out of step and must be dropped.
/// </remarks>
public sealed partial class HpackDecoder
{
    /// <summary>The initial SETTINGS_HEADER_TABLE_SIZE (RFC 9113 section 6.5.2), which both sides start from.</summary>
    public const int DefaultTableSize = 4096;

    private readonly DynamicTable _table = new(DefaultTableSize);
    private int _maxDynamicTableSize;
    private int _maxHeaderListSize;

    // Size update discipline (RFC 7541 section 4.2).
    private int _requiredUpdateCeiling = -1; // the peer must send an update <= this; -1 = none owed
    private bool _fieldSeen;                 // a field representation was seen in this block

    // Header list size accounting for the current block (RFC 9113 section 6.5.2).
    private long _listSize;
    private bool _overLimit;

    // The unfinished field: its first _pendingLength bytes, and how many are needed to go on.
    private byte[] _pending = [];
    private int _pendingLength;
    private int _pendingNeeded;
    private long _skipRemaining; // bytes of a dropped field still to skip

    private byte[] _nameScratch = [];
    private byte[] _valueScratch = [];

    /// <summary>Creates a decoder.</summary>
    /// <param name="maxDynamicTableSize">The SETTINGS_HEADER_TABLE_SIZE the local side allows.</param>
    /// <param name="maxHeaderListSize">The SETTINGS_MAX_HEADER_LIST_SIZE the local side enforces.</param>
    public HpackDecoder(int maxDynamicTableSize = DefaultTableSize, int maxHeaderListSize = 65_536)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxHeaderListSize);
        _maxHeaderListSize = maxHeaderListSize;
        _maxDynamicTableSize = DefaultTableSize;
        MaxDynamicTableSize = maxDynamicTableSize;
    }

    /// <summary>
    /// The dynamic table size the local side allows (the SETTINGS_HEADER_TABLE_SIZE in force,
    /// that is, acknowledged by the peer). Size updates above it are errors. Lowering it below
    /// the table's current maximum obliges the peer to start its next block with a size update
    /// no larger than the new value (RFC 7541 section 4.2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above 2^30.</exception>
    public int MaxDynamicTableSize
    {
        get => _maxDynamicTableSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxTableSizeSetting);
            _maxDynamicTableSize = value;
            if (value < _table.MaxSize)
            {
                _requiredUpdateCeiling = _requiredUpdateCeiling < 0 ? value : Math.Min(_requiredUpdateCeiling, value);
            }
        }
    }

    /// <summary>
    /// The largest MaxDynamicTableSize accepted: 2^30 octets. The table buffer is twice the size,
    /// so this keeps it addressable; no real peer needs a fraction of it.
    /// </summary>
    public const int MaxTableSizeSetting = 1 << 30;

    /// <summary>The header list size limit: name + value + 32 octets summed over a block's fields.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxHeaderListSize
    {
        get => _maxHeaderListSize;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxHeaderListSize = value;
        }
    }

    /// <summary>The dynamic table's current size in octets.</summary>
    public int DynamicTableSize => _table.Size;

    /// <summary>The dynamic table, for tests and diagnostics.</summary>
    internal DynamicTable Table => _table;

    /// <summary>
    /// Decodes one fragment of a header block; fields go to <paramref name="handler"/> as they complete.
    /// </summary>
    /// <typeparam name="THandler">The handler type; a struct handler is called without virtual dispatch.</typeparam>
    /// <param name="fragment">The fragment (a header block fragment of HEADERS, PUSH_PROMISE or CONTINUATION).</param>
    /// <param name="endHeaders">True if this fragment ends the block (END_HEADERS).</param>
    /// <param name="handler">Receives the fields.</param>
    /// <exception cref="HpackDecodingException">The block is malformed (COMPRESSION_ERROR).</exception>
    /// <exception cref="HeaderListTooLargeException">At the end of a block whose header list exceeded <see cref="MaxHeaderListSize"/>.</exception>
    public void Decode<THandler>(ReadOnlySpan<byte> fragment, bool endHeaders, ref THandler handler)
        where THandler : IHeaderHandler
    {
        Skip(ref fragment);
        if (_pendingLength > 0)
        {
            ResumePending(ref fragment, ref handler);
        }

        while (!fragment.IsEmpty && _pendingLength == 0 && _skipRemaining == 0)
        {
            int consumed = DecodeField(fragment, ref handler);
            if (consumed == 0)
            {
                Stash(fragment);
                break;
            }

            fragment = fragment[consumed..];
        }

        if (endHeaders)
        {
            EndBlock();
        }
    }

    /// <summary>Decodes one fragment of a header block, with a handler behind an interface.</summary>
    /// <param name="fragment">The fragment.</param>
    /// <param name="endHeaders">True if this fragment ends the block (END_HEADERS).</param>
    /// <param name="handler">Receives the fields.</param>
    /// <exception cref="HpackDecodingException">The block is malformed (COMPRESSION_ERROR).</exception>
    /// <exception cref="HeaderListTooLargeException">At the end of a block whose header list exceeded <see cref="MaxHeaderListSize"/>.</exception>
    public void Decode(ReadOnlySpan<byte> fragment, bool endHeaders, IHeaderHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Decode<IHeaderHandler>(fragment, endHeaders, ref handler);
    }

    private void Skip(ref ReadOnlySpan<byte> fragment)
    {
        if (_skipRemaining > 0)
        {
            int n = (int)Math.Min(_skipRemaining, fragment.Length);
            _skipRemaining -= n;
            fragment = fragment[n..];
        }
    }

    // Feeds the unfinished field just the bytes it needs, then decodes it from the pending buffer.
    private void ResumePending<THandler>(ref ReadOnlySpan<byte> fragment, ref THandler handler)
        where THandler : IHeaderHandler
    {
        while (!fragment.IsEmpty)
        {
            int take = Math.Min(_pendingNeeded - _pendingLength, fragment.Length);
            fragment[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            fragment = fragment[take..];
            if (_pendingLength < _pendingNeeded)
            {
                return;
            }

            if (DecodeField(_pending.AsSpan(0, _pendingLength), ref handler) > 0)
            {
                // _pendingNeeded never runs past the field, so the whole buffer was the field.
                _pendingLength = 0;
                Skip(ref fragment);
                return;
            }

            EnsurePendingCapacity(_pendingNeeded);
        }
    }

    private void Stash(ReadOnlySpan<byte> fragment)
    {
        EnsurePendingCapacity(Math.Max(_pendingNeeded, fragment.Length));
        fragment.CopyTo(_pending);
        _pendingLength = fragment.Length;
    }

    private void EnsurePendingCapacity(int size)
    {
        if (_pending.Length < size)
        {
            var grown = new byte[Math.Max(size, Math.Min(2 * _pending.Length, int.MaxValue / 2))];
            _pending.AsSpan(0, _pendingLength).CopyTo(grown);
            _pending = grown;
        }
    }

    private void EndBlock()
    {
        bool truncated = _pendingLength > 0 || _skipRemaining > 0;
        _pendingLength = 0;
        _skipRemaining = 0;
        if (truncated)
        {
            throw new HpackTruncatedException("The header block ends inside a field representation.");
        }

        if (!_fieldSeen)
        {
            CheckRequiredUpdate();
        }

        bool over = _overLimit;
        long size = _listSize;
        _fieldSeen = false;
        _overLimit = false;
        _listSize = 0;
        if (over)
        {
            throw new HeaderListTooLargeException(size, _maxHeaderListSize);
        }
    }

    // Called before the first field representation of a block.
    private void CheckRequiredUpdate()
    {
        // "This dynamic table size update MUST occur at the beginning of the first header block
        // following the change to the dynamic table size." (RFC 7541 section 4.2)
        if (_requiredUpdateCeiling >= 0)
        {
            throw new HpackTableSizeUpdateException(
                $"The local side lowered the dynamic table size to {_requiredUpdateCeiling} but the block does not start with a size update to at most that.");
        }
    }
}
