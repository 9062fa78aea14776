using System.Buffers;
using System.Buffers.Binary;
using H2Sharp.Frames;
using H2Sharp.Hpack;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Protocol;

/// <summary>
/// Parses what a connection sent, like <see cref="SentFrames"/>, but also decodes PUSH_PROMISE
/// blocks (a server's pushes share its HPACK context). Use one per connection under test, for
/// everything drained after the harness set-up.
/// </summary>
internal sealed class ProtocolFrames
{
    private readonly HpackDecoder _decoder = new(4096, int.MaxValue);
    private readonly FrameReader _reader = new(FrameReader.MaxAllowedFrameSize);

    public List<SentFrame> Drain(H2Connection connection)
    {
        ReadOnlySpan<byte> input = connection.DataToSend();
        if (input.StartsWith(FrameFactory.Preface))
        {
            input = input[FrameFactory.Preface.Length..];
        }

        var frames = new List<SentFrame>();
        List<HeaderField>? block = null;
        while (_reader.TryReadFrame(ref input, out var header, out var payload))
        {
            var frame = new SentFrame(header.Type, header.Flags, header.StreamId, payload.ToArray());
            byte[]? fragment = null;
            bool endHeaders = false;
            switch (header.Type)
            {
                case FrameType.Headers:
                    var h = HeadersFrame.Parse(header, payload);
                    (fragment, endHeaders, block) = (h.HeaderBlockFragment.ToArray(), h.EndHeaders, []);
                    break;
                case FrameType.PushPromise:
                    var p = PushPromiseFrame.Parse(header, payload);
                    (fragment, endHeaders, block) = (p.HeaderBlockFragment.ToArray(), p.EndHeaders, []);
                    break;
                case FrameType.Continuation:
                    var c = ContinuationFrame.Parse(header, payload);
                    (fragment, endHeaders) = (c.HeaderBlockFragment.ToArray(), c.EndHeaders);
                    break;
            }

            if (fragment is not null && block is not null)
            {
                _decoder.Decode(fragment, endHeaders, new Collector(block));
                frame = frame with { Headers = block };
                if (endHeaders)
                {
                    block = null;
                }
            }

            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>The promised stream id of a PUSH_PROMISE we sent (never padded).</summary>
    public static int Promised(SentFrame frame) => BinaryPrimitives.ReadInt32BigEndian(frame.Payload) & int.MaxValue;

    /// <summary>Header fields as (name, value) text pairs.</summary>
    public static (string, string)[] Text(IReadOnlyList<HeaderField> headers) =>
        headers.Select(h => (System.Text.Encoding.Latin1.GetString(h.Name.Span), System.Text.Encoding.Latin1.GetString(h.Value.Span))).ToArray();

    /// <summary>A PUSH_PROMISE split into PUSH_PROMISE + CONTINUATION frames after <paramref name="firstLength"/> octets of block.</summary>
    public static byte[] SplitPushPromise(FrameFactory peer, int streamId, int promisedStreamId, IReadOnlyList<HeaderField> headers, int firstLength)
    {
        var block = peer.Block(headers);
        var w = new ArrayBufferWriter<byte>();
        FrameWriter.WritePushPromise(w, streamId, promisedStreamId, block.AsSpan(0, firstLength), endHeaders: false);
        FrameWriter.WriteContinuation(w, streamId, block.AsSpan(firstLength), endHeaders: true);
        return w.WrittenSpan.ToArray();
    }

    public static byte[] AltSvc(int streamId, string origin, string fieldValue)
    {
        var w = new ArrayBufferWriter<byte>();
        FrameWriter.WriteAltSvc(w, streamId, System.Text.Encoding.ASCII.GetBytes(origin), System.Text.Encoding.ASCII.GetBytes(fieldValue));
        return w.WrittenSpan.ToArray();
    }

    public static byte[] PriorityUpdate(int streamId, string value)
    {
        var w = new ArrayBufferWriter<byte>();
        FrameWriter.WritePriorityUpdate(w, streamId, System.Text.Encoding.ASCII.GetBytes(value));
        return w.WrittenSpan.ToArray();
    }

    private sealed class Collector(List<HeaderField> fields) : IHeaderHandler
    {
        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed) =>
            fields.Add(new HeaderField(name.ToArray(), value.ToArray(), neverIndexed));
    }
}
