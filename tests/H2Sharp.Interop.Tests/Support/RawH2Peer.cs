using System.Buffers;
using System.Net.Sockets;
using H2Sharp.Frames;
using H2Sharp.Hpack;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// A minimal HTTP/2 endpoint built only from H2Sharp's frame layer and HPACK, for talking to real
/// peers before (and independently of) H2Connection: it writes frames with FrameWriter, reads them
/// with FrameReader, and decodes header blocks with HpackDecoder.
/// </summary>
internal sealed class RawH2Peer : IDisposable
{
    public static readonly byte[] ClientPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly NetworkStream _stream;
    private readonly FrameReader _reader = new();
    private readonly HpackDecoder _decoder = new();
    private readonly HpackEncoder _encoder = new();
    private readonly byte[] _receiveBuffer = new byte[65536];
    private readonly Queue<RawFrame> _frames = new();
    private byte[] _pending = Array.Empty<byte>();

    public RawH2Peer(NetworkStream stream)
    {
        _stream = stream;
        _stream.ReadTimeout = 15000;
    }

    public void Write(Action<ArrayBufferWriter<byte>> build)
    {
        var buffer = new ArrayBufferWriter<byte>();
        build(buffer);
        _stream.Write(buffer.WrittenSpan);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

    public byte[] EncodeHeaders(params HeaderField[] headers)
    {
        var buffer = new ArrayBufferWriter<byte>();
        _encoder.Encode(headers, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes that come before the frames (the client preface).</summary>
    public byte[] ReadExactly(int count)
    {
        var result = new byte[count];
        _stream.ReadExactly(result);
        return result;
    }

    /// <summary>Returns the next whole frame from the peer, with any header block already decoded.</summary>
    public RawFrame ReadFrame()
    {
        while (_frames.Count == 0)
        {
            int n = _stream.Read(_receiveBuffer);
            if (n == 0)
            {
                throw new EndOfStreamException("The peer closed the connection.");
            }
            Parse(_receiveBuffer.AsSpan(0, n));
        }
        return _frames.Dequeue();
    }

    /// <summary>Reads frames (answering SETTINGS and PING as the RFC requires) until END_STREAM on the stream.</summary>
    public (List<HeaderField> Headers, byte[] Body, List<RawFrame> Frames) ReadResponse(int streamId)
    {
        var headers = new List<HeaderField>();
        var body = new MemoryStream();
        var frames = new List<RawFrame>();
        while (true)
        {
            RawFrame frame = ReadFrame();
            frames.Add(frame);
            if (frame.Type == FrameType.Settings && !frame.Flags.HasFlag(FrameFlags.Ack))
            {
                Write(w => FrameWriter.WriteSettingsAck(w));
            }
            else if (frame.Type == FrameType.Ping && !frame.Flags.HasFlag(FrameFlags.Ack))
            {
                Write(w => FrameWriter.WritePing(w, frame.PingData, ack: true));
            }
            else if (frame.Type == FrameType.GoAway)
            {
                throw new InvalidOperationException($"The peer sent GOAWAY {frame.ErrorCode}.");
            }
            if (frame.StreamId != streamId)
            {
                continue;
            }
            if (frame.Headers is not null)
            {
                headers.AddRange(frame.Headers);
            }
            if (frame.Type == FrameType.Data)
            {
                body.Write(frame.Payload);
                if (frame.Payload.Length > 0)
                {
                    // Keep the peer sending: return what we consumed to both windows.
                    int size = frame.Payload.Length;
                    Write(w =>
                    {
                        FrameWriter.WriteWindowUpdate(w, 0, size);
                        FrameWriter.WriteWindowUpdate(w, streamId, size);
                    });
                }
            }
            if (frame.Type == FrameType.RstStream)
            {
                throw new InvalidOperationException($"The peer reset stream {streamId}: {frame.ErrorCode}.");
            }
            if (frame.EndStream)
            {
                return (headers, body.ToArray(), frames);
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Parse(ReadOnlySpan<byte> received)
    {
        byte[] all = new byte[_pending.Length + received.Length];
        _pending.CopyTo(all, 0);
        received.CopyTo(all.AsSpan(_pending.Length));
        _pending = Array.Empty<byte>();
        ReadOnlySpan<byte> input = all;
        while (_reader.TryReadFrame(ref input, out FrameHeader header, out ReadOnlySpan<byte> payload))
        {
            _frames.Enqueue(Describe(header, payload));
        }
    }

    private RawFrame Describe(FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = new RawFrame(header.Type, header.Flags, header.StreamId);
        switch (header.Type)
        {
            case FrameType.Data:
                var data = DataFrame.Parse(header, payload);
                frame.Payload = data.Data.ToArray();
                frame.EndStream = data.EndStream;
                break;
            case FrameType.Headers:
                var headers = HeadersFrame.Parse(header, payload);
                frame.EndStream = headers.EndStream;
                frame.Headers = Decode(headers.HeaderBlockFragment, headers.EndHeaders);
                break;
            case FrameType.Continuation:
                var continuation = ContinuationFrame.Parse(header, payload);
                frame.Headers = Decode(continuation.HeaderBlockFragment, continuation.EndHeaders);
                break;
            case FrameType.Settings:
                var settings = SettingsFrame.Parse(header, payload);
                foreach (Setting setting in settings)
                {
                    frame.Settings.Add(setting);
                }
                break;
            case FrameType.Ping:
                frame.PingData = PingFrame.Parse(header, payload).OpaqueData;
                break;
            case FrameType.GoAway:
                frame.ErrorCode = GoAwayFrame.Parse(header, payload).ErrorCode;
                break;
            case FrameType.RstStream:
                frame.ErrorCode = RstStreamFrame.Parse(header, payload).ErrorCode;
                break;
            case FrameType.WindowUpdate:
                frame.WindowIncrement = WindowUpdateFrame.Parse(header, payload).WindowSizeIncrement;
                break;
            default:
                frame.Payload = payload.ToArray();
                break;
        }
        return frame;
    }

    private List<HeaderField> Decode(ReadOnlySpan<byte> fragment, bool endHeaders)
    {
        var collector = new HeaderCollector();
        _decoder.Decode(fragment, endHeaders, collector);
        return collector.Fields;
    }

    private sealed class HeaderCollector : IHeaderHandler
    {
        public List<HeaderField> Fields { get; } = new();

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed) =>
            Fields.Add(new HeaderField(name.ToArray(), value.ToArray(), neverIndexed));
    }
}

/// <summary>One frame as a test sees it: header fields plus what the typed parse found.</summary>
internal sealed class RawFrame(FrameType type, FrameFlags flags, int streamId)
{
    public FrameType Type { get; } = type;
    public FrameFlags Flags { get; } = flags;
    public int StreamId { get; } = streamId;
    public bool EndStream { get; set; }
    public byte[] Payload { get; set; } = Array.Empty<byte>();
    public List<HeaderField>? Headers { get; set; }
    public List<Setting> Settings { get; } = new();
    public ulong PingData { get; set; }
    public ErrorCode ErrorCode { get; set; }
    public int WindowIncrement { get; set; }

    public override string ToString() => $"{Type} stream={StreamId} flags={Flags}";
}
