using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Hardening;

/// <summary>Header-block limits at their boundaries: CONTINUATION count, compressed block size, header list abuse.</summary>
public class HeaderLimitTests
{
    /// <summary>A request block split into <paramref name="pieces"/> fragments: HEADERS then CONTINUATIONs.</summary>
    private static byte[][] Split(byte[] block, int pieces, int streamId = 1)
    {
        var frames = new byte[pieces][];
        int size = (block.Length + pieces - 1) / pieces;
        for (int i = 0; i < pieces; i++)
        {
            var fragment = block.Skip(i * size).Take(size).ToArray();
            bool last = i == pieces - 1;
            frames[i] = i == 0
                ? FrameFactory.RawHeaders(streamId, fragment, endStream: true, endHeaders: last)
                : FrameFactory.Continuation(streamId, fragment, endHeaders: last);
        }

        return frames;
    }

    [Fact]
    public void Max_continuation_frames_passes_and_one_more_is_enhance_your_calm()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxContinuationFrames = 4 });
        var block = h.Peer.Block(FrameFactory.Request());
        var events = h.Receive(Split(block, 5));
        Assert.Equal("/", Assert.IsType<RequestReceived>(events[0]).Headers.Single(f => f.Name.Span.SequenceEqual(":path"u8)).ValueString);

        var next = h.Peer.Block(FrameFactory.Request());
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, Split(next, 6, 3));
    }

    [Fact]
    public void Default_continuation_limit_is_64()
    {
        var h = ConnectionHarness.Server();
        var block = h.Peer.Block(FrameFactory.Request("GET", "/" + new string('a', 200)));
        Assert.IsType<RequestReceived>(h.Receive(Split(block, 65))[0]);
        var next = h.Peer.Block(FrameFactory.Request("GET", "/" + new string('b', 200)));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, Split(next, 66, 3));
    }

    [Fact]
    public void Max_header_block_size_is_exact()
    {
        var peer = new FrameFactory();
        var block = peer.Block(FrameFactory.Request());
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxHeaderBlockSize = block.Length });
        Assert.IsType<RequestReceived>(h.Receive(Split(block, 2))[0]);

        var tight = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxHeaderBlockSize = block.Length - 1 });
        var again = tight.Peer.Block(FrameFactory.Request());
        Assert.Equal(block, again);
        tight.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, Split(again, 2));
    }

    // The request's four pseudo-headers count 177 octets (name + value + 32 each); x-big adds 37 + n.
    private static ConnectionHarness ListLimitServer()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxHeaderListSize = 200 });
        h.Peer.Encoder.UseHuffman = false; // exact sizes
        return h;
    }

    [Fact]
    public void Header_list_up_to_four_times_the_limit_resets_the_stream_only()
    {
        var h = ListLimitServer();
        var events = h.ReceiveRequest(1, true, ("x-big", new string('b', 800 - 214)));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.Equal(800, Assert.IsType<H2Sharp.Hpack.HeaderListTooLargeException>(reset.Error).HeaderListSize);
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]);
    }

    [Fact]
    public void Header_list_past_four_times_the_limit_is_enhance_your_calm()
    {
        var h = ListLimitServer();
        var ex = h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm,
            h.Peer.Headers(1, FrameFactory.Request("GET", "/", ("x-big", new string('b', 801 - 214))), endStream: true));
        Assert.Contains("801", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hpack_bomb_of_indexed_references_is_enhance_your_calm()
    {
        // One 3,000-octet field enters the peer's table (within the 4 KiB default), then a
        // 30-octet block references it 30 times: 90 KB decoded from a tiny frame.
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxHeaderListSize = 4_000 });
        var big = ("x-bomb", new string('z', 3_000));
        Assert.IsType<RequestReceived>(h.ReceiveRequest(1, true, big)[0]);
        h.Drain();
        var fields = Enumerable.Repeat(big, 30).ToArray();
        var frame = h.Peer.Headers(3, FrameFactory.Request("GET", "/", fields), endStream: true);
        Assert.True(frame.Length < 100, $"the bomb is {frame.Length} octets");
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, frame);
    }

    [Fact]
    public void Abuse_factor_is_configurable()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxHeaderListSize = 200, HeaderListAbuseFactor = 2 });
        h.Peer.Encoder.UseHuffman = false;
        Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(1, true, ("x-big", new string('b', 400 - 214)))));
        h.Drain();
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, h.Peer.Headers(3, FrameFactory.Request("GET", "/", ("x-big", new string('b', 401 - 214))), endStream: true));
    }
}
