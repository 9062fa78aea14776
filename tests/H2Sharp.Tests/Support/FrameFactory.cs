using System.Buffers;
using H2Sharp.Frames;
using H2Sharp.Hpack;

namespace H2Sharp.Tests.Support;

/// <summary>
/// Builds raw frames with the frame layer and HPACK (like h2's FrameFactory), so a test can play
/// a peer, well-behaved or not, byte by byte. Header blocks share one encoder: use one factory
/// per simulated peer so the HPACK state matches what the connection under test decodes.
/// </summary>
internal sealed class FrameFactory
{
    public HpackEncoder Encoder { get; } = new();

    public static byte[] Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    public static HeaderField[] Fields(params (string Name, string Value)[] fields) =>
        fields.Select(f => new HeaderField(f.Name, f.Value)).ToArray();

    public static HeaderField[] Request(string method = "GET", string path = "/", params (string, string)[] extra) =>
        Fields([(":method", method), (":scheme", "https"), (":authority", "example.com"), (":path", path), .. extra]);

    public static HeaderField[] Response(string status = "200", params (string, string)[] extra) =>
        Fields([(":status", status), .. extra]);

    /// <summary>Header fields as (name, value) text pairs: what <see cref="Fields"/> was given.</summary>
    public static (string, string)[] Text(IReadOnlyList<HeaderField> headers) =>
        headers.Select(h => (System.Text.Encoding.Latin1.GetString(h.Name.Span), System.Text.Encoding.Latin1.GetString(h.Value.Span))).ToArray();

    public byte[] Block(IReadOnlyList<HeaderField> headers)
    {
        var w = new ArrayBufferWriter<byte>();
        Encoder.Encode(headers.ToArray(), w);
        return w.WrittenSpan.ToArray();
    }

    public static byte[] Settings(params (SettingCode Code, uint Value)[] settings) =>
        Write(w => FrameWriter.WriteSettings(w, settings.Select(s => new Setting(s.Code, s.Value)).ToArray()));

    public static byte[] SettingsAck() => Write(w => FrameWriter.WriteSettingsAck(w));

    public byte[] Headers(int streamId, IReadOnlyList<HeaderField> headers, bool endStream = false, PriorityInfo? priority = null, int? padLength = null) =>
        RawHeaders(streamId, Block(headers), endStream, endHeaders: true, priority, padLength);

    public static byte[] RawHeaders(int streamId, byte[] fragment, bool endStream = false, bool endHeaders = true, PriorityInfo? priority = null, int? padLength = null) =>
        Write(w => FrameWriter.WriteHeaders(w, streamId, fragment, endStream, endHeaders, priority, padLength));

    public static byte[] Continuation(int streamId, byte[] fragment, bool endHeaders) =>
        Write(w => FrameWriter.WriteContinuation(w, streamId, fragment, endHeaders));

    public byte[] PushPromise(int streamId, int promisedStreamId, IReadOnlyList<HeaderField> headers) =>
        Write(w => FrameWriter.WritePushPromise(w, streamId, promisedStreamId, Block(headers), endHeaders: true));

    /// <summary>A PUSH_PROMISE split into PUSH_PROMISE + CONTINUATION frames after <paramref name="firstLength"/> octets of block.</summary>
    public byte[] SplitPushPromise(int streamId, int promisedStreamId, IReadOnlyList<HeaderField> headers, int firstLength)
    {
        var block = Block(headers);
        return Write(w =>
        {
            FrameWriter.WritePushPromise(w, streamId, promisedStreamId, block.AsSpan(0, firstLength), endHeaders: false);
            FrameWriter.WriteContinuation(w, streamId, block.AsSpan(firstLength), endHeaders: true);
        });
    }

    public static byte[] Data(int streamId, byte[] data, bool endStream = false, int? padLength = null) =>
        Write(w => FrameWriter.WriteData(w, streamId, data, endStream, padLength));

    public static byte[] Data(int streamId, int length, bool endStream = false) => Data(streamId, new byte[length], endStream);

    public static byte[] Ping(ulong data, bool ack = false) => Write(w => FrameWriter.WritePing(w, data, ack));

    public static byte[] GoAway(int lastStreamId, ErrorCode code = ErrorCode.NoError, byte[]? debug = null) =>
        Write(w => FrameWriter.WriteGoAway(w, lastStreamId, code, debug ?? []));

    public static byte[] WindowUpdate(int streamId, int increment) => Write(w => FrameWriter.WriteWindowUpdate(w, streamId, increment));

    public static byte[] RstStream(int streamId, ErrorCode code) => Write(w => FrameWriter.WriteRstStream(w, streamId, code));

    public static byte[] Priority(int streamId, int dependsOn, int weight = 16, bool exclusive = false) =>
        Write(w => FrameWriter.WritePriority(w, streamId, new PriorityInfo(dependsOn, weight, exclusive)));

    public static byte[] Unknown(byte type, int streamId, byte[] payload) => Write(w => FrameWriter.WriteUnknown(w, type, FrameFlags.None, streamId, payload));

    public static byte[] AltSvc(int streamId, string origin, string fieldValue) =>
        Write(w => FrameWriter.WriteAltSvc(w, streamId, System.Text.Encoding.ASCII.GetBytes(origin), System.Text.Encoding.ASCII.GetBytes(fieldValue)));

    public static byte[] PriorityUpdate(int streamId, string value) =>
        Write(w => FrameWriter.WritePriorityUpdate(w, streamId, System.Text.Encoding.ASCII.GetBytes(value)));

    /// <summary>A frame built by hand: any length, type, flags, stream id and payload, even illegal ones.</summary>
    public static byte[] Raw(FrameType type, FrameFlags flags, int streamId, byte[] payload)
    {
        var bytes = new byte[FrameHeader.Size + payload.Length];
        new FrameHeader(payload.Length, type, flags, streamId).Write(bytes);
        payload.CopyTo(bytes, FrameHeader.Size);
        return bytes;
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] Write(Action<ArrayBufferWriter<byte>> write)
    {
        var w = new ArrayBufferWriter<byte>();
        write(w);
        return w.WrittenSpan.ToArray();
    }
}
