using H2Sharp.Frames;
using H2Sharp.Hpack;

namespace H2Sharp.Tests.Support;

/// <summary>
/// Parses what a connection sent back into frames, decoding HEADERS and PUSH_PROMISE blocks with
/// a decoder kept across calls (one per connection under test, like the real peer's: a server's
/// pushes share its HPACK context).
/// </summary>
internal sealed class SentFrames
{
    private readonly HpackDecoder _decoder = new(4096, int.MaxValue);
    private readonly FrameReader _reader = new(FrameReader.MaxAllowedFrameSize);

    /// <summary>Drains the connection's outbound buffer and parses it (a client preface is skipped).</summary>
    public List<SentFrame> Drain(H2Connection connection)
    {
        var bytes = connection.DataToSend();
        ReadOnlySpan<byte> input = bytes;
        if (input.StartsWith(FrameFactory.Preface))
        {
            input = input[FrameFactory.Preface.Length..];
        }

        return Parse(input);
    }

    public List<SentFrame> Parse(ReadOnlySpan<byte> input)
    {
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

    private sealed class Collector(List<HeaderField> fields) : IHeaderHandler
    {
        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed) =>
            fields.Add(new HeaderField(name.ToArray(), value.ToArray(), neverIndexed));
    }
}
