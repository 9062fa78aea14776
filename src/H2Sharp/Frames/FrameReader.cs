using System;
using System.Buffers;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>
/// Splits received bytes into frames, whatever the slicing: a frame cut across calls is
/// buffered until it is whole. A frame that arrives whole in one input is handed out as a
/// span over that input, without copying.
/// </summary>
/// <remarks>
/// The only exception a peer's bytes can cause is <see cref="FrameTooLargeException"/>
/// (FRAME_SIZE_ERROR), or, when <see cref="ValidateFrames"/> is on, the
/// <see cref="ProtocolException"/> subtypes the typed frames' <c>Parse</c> methods throw.
/// Not thread-safe: one reader per connection.
/// </remarks>
public sealed class FrameReader
{
    /// <summary>The initial and smallest SETTINGS_MAX_FRAME_SIZE (RFC 9113 section 4.2: 2^14).</summary>
    public const int DefaultMaxFrameSize = 16_384;

    /// <summary>The largest SETTINGS_MAX_FRAME_SIZE the RFC allows (2^24-1).</summary>
    public const int MaxAllowedFrameSize = FrameHeader.MaxLength;

    /// <summary>
    /// A buffer larger than this is given back to the pool once its frame has been consumed,
    /// so one large frame does not pin up to 16 MiB for the connection's lifetime. Buffers up
    /// to a default-size frame are kept: partial frames are common on real sockets.
    /// </summary>
    private const int RetainedBufferSize = DefaultMaxFrameSize + FrameHeader.Size;

    private int _maxFrameSize;
    private byte[]? _buffer;
    private int _buffered;          // octets of the current partial frame in _buffer
    private bool _handedOut;        // _buffer holds a frame returned by the last call

    /// <summary>Creates a reader.</summary>
    /// <param name="maxFrameSize">The SETTINGS_MAX_FRAME_SIZE in force for received frames, 16,384 to 16,777,215.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrameSize"/> is outside the range the RFC allows.</exception>
    public FrameReader(int maxFrameSize = DefaultMaxFrameSize)
    {
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>
    /// The SETTINGS_MAX_FRAME_SIZE we advertised and is in force (16,384 to 16,777,215). Frames
    /// whose length exceeds it are rejected as soon as their header is complete.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 16,384 to 16,777,215 (RFC 9113 section 6.5.2).</exception>
    public int MaxFrameSize
    {
        get => _maxFrameSize;
        set
        {
            // RFC 9113 section 6.5.2: "The value advertised by an endpoint MUST be between this
            // initial value and the maximum allowed frame size (2^24-1 or 16,777,215 octets),
            // inclusive."
            if (value is < DefaultMaxFrameSize or > MaxAllowedFrameSize)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "SETTINGS_MAX_FRAME_SIZE must be 16,384 to 16,777,215 (RFC 9113 section 6.5.2).");
            }

            _maxFrameSize = value;
        }
    }

    /// <summary>
    /// When true, <see cref="TryReadFrame"/> also runs the per-type checks of the typed frames'
    /// <c>Parse</c> (see <see cref="Validate"/>) before returning a frame, and throws what they
    /// throw, the frame consumed. Off by default: the connection parses every frame anyway.
    /// </summary>
    public bool ValidateFrames { get; set; }

    /// <summary>The octets of a partial frame held between calls (0 when no frame is in progress).</summary>
    public int BufferedBytes => _handedOut ? 0 : _buffered;

    /// <summary>
    /// Takes octets from <paramref name="input"/> (advancing it) and returns true with one whole
    /// frame when one is available. Call again until it returns false: false means
    /// <paramref name="input"/> is used up and any partial frame is buffered.
    /// </summary>
    /// <param name="input">Received octets; advanced past what was consumed.</param>
    /// <param name="header">The frame's header, when the result is true.</param>
    /// <param name="payload">The frame's payload, when the result is true; valid until the next call or until the input's memory is reused.</param>
    /// <returns>True when a whole frame was read.</returns>
    /// <exception cref="FrameTooLargeException">A frame's length exceeds <see cref="MaxFrameSize"/> (FRAME_SIZE_ERROR, connection error). The reader is then reset.</exception>
    /// <exception cref="ProtocolException">Only with <see cref="ValidateFrames"/>: the frame broke a per-type rule.</exception>
    public bool TryReadFrame(ref ReadOnlySpan<byte> input, out FrameHeader header, out ReadOnlySpan<byte> payload)
    {
        if (_handedOut)
        {
            ReleaseDeliveredFrame();
        }

        bool found = _buffered == 0
            ? TryReadDirect(ref input, out header, out payload)
            : TryReadBuffered(ref input, out header, out payload);
        if (found && ValidateFrames)
        {
            Validate(header, payload);
        }

        return found;
    }

    /// <summary>
    /// Runs the per-type checks of the matching typed frame's <c>Parse</c> (lengths, padding,
    /// stream id 0 or not). Unknown types pass unchecked.
    /// </summary>
    /// <param name="header">The frame header.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <exception cref="ProtocolException">The frame is malformed; see the typed frames for the codes.</exception>
    public static void Validate(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        switch (header.Type)
        {
            case FrameType.Data: DataFrame.Parse(header, payload); break;
            case FrameType.Headers: HeadersFrame.Parse(header, payload); break;
            case FrameType.Priority: PriorityFrame.Parse(header, payload); break;
            case FrameType.RstStream: RstStreamFrame.Parse(header, payload); break;
            case FrameType.Settings: SettingsFrame.Parse(header, payload); break;
            case FrameType.PushPromise: PushPromiseFrame.Parse(header, payload); break;
            case FrameType.Ping: PingFrame.Parse(header, payload); break;
            case FrameType.GoAway: GoAwayFrame.Parse(header, payload); break;
            case FrameType.WindowUpdate: WindowUpdateFrame.Parse(header, payload); break;
            case FrameType.Continuation: ContinuationFrame.Parse(header, payload); break;
            case FrameType.AltSvc: AltSvcFrame.Parse(header, payload); break;
            case FrameType.PriorityUpdate: PriorityUpdateFrame.Parse(header, payload); break;
            default: break;
        }
    }

    /// <summary>No partial frame: hand out a frame straight from the input when it is whole.</summary>
    private bool TryReadDirect(ref ReadOnlySpan<byte> input, out FrameHeader header, out ReadOnlySpan<byte> payload)
    {
        if (input.Length >= FrameHeader.Size)
        {
            header = ReadCheckedHeader(input);
            int total = FrameHeader.Size + header.Length;
            if (input.Length >= total)
            {
                payload = input.Slice(FrameHeader.Size, header.Length);
                input = input.Slice(total);
                return true;
            }

            EnsureCapacity(total);
        }
        else
        {
            EnsureCapacity(FrameHeader.Size);
        }

        input.CopyTo(_buffer);
        _buffered = input.Length;
        input = default;
        header = default;
        payload = default;
        return false;
    }

    /// <summary>A partial frame is buffered: complete its header, then its payload.</summary>
    private bool TryReadBuffered(ref ReadOnlySpan<byte> input, out FrameHeader header, out ReadOnlySpan<byte> payload)
    {
        header = default;
        payload = default;
        if (_buffered < FrameHeader.Size)
        {
            Take(ref input, FrameHeader.Size - _buffered);
            if (_buffered < FrameHeader.Size)
            {
                return false;
            }
        }

        FrameHeader pending = ReadCheckedHeader(_buffer);
        int total = FrameHeader.Size + pending.Length;
        if (_buffered == FrameHeader.Size && input.Length >= pending.Length)
        {
            // Only the header was cut off (a gathered write puts headers and payloads in
            // separate segments): the payload is whole in this input, so hand it out uncopied.
            header = pending;
            payload = input.Slice(0, pending.Length);
            input = input.Slice(pending.Length);
            _buffered = 0;
            return true;
        }

        EnsureCapacity(total);
        Take(ref input, total - _buffered);
        if (_buffered < total)
        {
            return false;
        }

        header = pending;
        payload = _buffer.AsSpan(FrameHeader.Size, pending.Length);
        _handedOut = true;
        return true;
    }

    private FrameHeader ReadCheckedHeader(ReadOnlySpan<byte> source)
    {
        FrameHeader header = FrameHeader.Read(source);
        // RFC 9113 section 4.2: "An endpoint MUST send an error code of FRAME_SIZE_ERROR if a
        // frame exceeds the size defined in SETTINGS_MAX_FRAME_SIZE". The payload cannot be
        // skipped safely, so this is a connection error.
        if (header.Length > _maxFrameSize)
        {
            Reset();
            throw new FrameTooLargeException(
                string.Create(CultureInfo.InvariantCulture, $"Received a {FrameText.TypeName(header.Type)} frame of {header.Length} octets on stream {header.StreamId}, over the SETTINGS_MAX_FRAME_SIZE of {_maxFrameSize}."),
                ErrorCode.FrameSizeError,
                0);
        }

        return header;
    }

    private void Take(ref ReadOnlySpan<byte> input, int wanted)
    {
        int count = Math.Min(wanted, input.Length);
        input.Slice(0, count).CopyTo(_buffer.AsSpan(_buffered));
        _buffered += count;
        input = input.Slice(count);
    }

    private void EnsureCapacity(int size)
    {
        if (_buffer is not null && _buffer.Length >= size)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(size);
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _buffered).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }

    private void ReleaseDeliveredFrame()
    {
        _handedOut = false;
        _buffered = 0;
        if (_buffer is not null && _buffer.Length > RetainedBufferSize)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private void Reset()
    {
        _handedOut = false;
        _buffered = 0;
    }
}
