using H2Sharp.Events;
using H2Sharp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace H2Sharp.Tests.Hardening;

/// <summary>"Glitches" (nghttp2's glitch limiter): one token bucket for useless or faulty peer frames.</summary>
public class GlitchTests
{
    private static H2Configuration Server(int burst, int rate = 0, TimeProvider? time = null) => new()
    {
        ClientSide = false,
        GlitchBurst = burst,
        GlitchRatePerSecond = rate,
        StreamResetBurst = 1_000_000,
        TimeProvider = time ?? new FakeTimeProvider(),
    };

    [Fact]
    public void Priority_frames_are_glitches()
    {
        var h = ConnectionHarness.Server(Server(3));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(new PriorityUpdated { StreamId = 1, Weight = 16, DependsOn = 0, Exclusive = false }, Assert.Single(h.Receive(FrameFactory.Priority(1, 0))));
        }

        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, FrameFactory.Priority(1, 0));
    }

    [Fact]
    public void Empty_data_frames_without_end_stream_are_glitches_with_end_stream_not()
    {
        var h = ConnectionHarness.Server(Server(3));
        h.ReceiveRequest(1, endStream: false);
        h.ReceiveRequest(3, endStream: false);
        for (int i = 0; i < 3; i++)
        {
            var data = Assert.IsType<DataReceived>(Assert.Single(h.Receive(FrameFactory.Data(1, []))));
            Assert.Equal(0, data.FlowControlledLength);
            Assert.Null(data.StreamEnded);
        }

        // Ending a stream with an empty DATA frame is normal and costs nothing.
        var end = h.Receive(FrameFactory.Data(3, [], endStream: true));
        Assert.Equal([new DataReceived { StreamId = 3, StreamEnded = new StreamEnded { StreamId = 3 } }, new StreamEnded { StreamId = 3 }], end.Select(e => e is DataReceived d ? d with { Data = default } : e));
        Assert.Empty(h.Drain());
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, FrameFactory.Data(1, []));
    }

    [Fact]
    public void Unknown_frames_are_glitches()
    {
        var h = ConnectionHarness.Server(Server(3));
        for (int i = 0; i < 3; i++)
        {
            var e = Assert.IsType<UnknownFrameReceived>(Assert.Single(h.Receive(FrameFactory.Unknown(0xfa, 0, [1, 2]))));
            Assert.Equal(0xfa, e.FrameType);
        }

        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, FrameFactory.Unknown(0xfa, 0, [1, 2]));
    }

    [Fact]
    public void Header_blocks_decoded_only_to_be_discarded_are_glitches()
    {
        var h = ConnectionHarness.Server(Server(3));
        h.ReceiveRequest(1, endStream: false);
        h.Connection.ResetStream(1, ErrorCode.Cancel);
        h.Drain();
        var trailers = FrameFactory.Fields(("x-t", "1"));
        for (int i = 0; i < 3; i++)
        {
            // RFC 9113 5.1: frames on a stream we reset are processed minimally and discarded.
            Assert.Empty(h.Receive(h.Peer.Headers(1, trailers, endStream: true)));
            Assert.Empty(h.Drain());
        }

        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, h.Peer.Headers(1, trailers, endStream: true));
    }

    [Fact]
    public void Stream_errors_the_peer_causes_are_glitches()
    {
        var h = ConnectionHarness.Server(Server(3));
        h.ReceiveRequest(1, endStream: false);
        h.Receive(FrameFactory.RstStream(1, ErrorCode.Cancel));
        // DATA on a stream the peer reset: RST_STREAM STREAM_CLOSED each time.
        for (int i = 0; i < 2; i++)
        {
            Assert.Empty(h.Receive(FrameFactory.Data(1, [], endStream: true)));
            Assert.Equal("RST_STREAM 1 StreamClosed", Assert.Single(h.Drain()).ToString());
        }

        // A malformed request: stream error PROTOCOL_ERROR.
        Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(3, true, ("te", "gzip"))));
        Assert.Equal("RST_STREAM 3 ProtocolError", Assert.Single(h.Drain()).ToString());
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, FrameFactory.Data(1, [], endStream: true));
    }

    [Fact]
    public void Glitch_bucket_refills_with_time()
    {
        var time = new FakeTimeProvider();
        var h = ConnectionHarness.Server(Server(2, rate: 10, time));
        h.Receive(FrameFactory.Priority(1, 0), FrameFactory.Priority(1, 0));
        time.Advance(TimeSpan.FromMilliseconds(300)); // three tokens, capped at the burst of two
        h.Receive(FrameFactory.Priority(1, 0), FrameFactory.Priority(1, 0));
        time.Advance(TimeSpan.FromMilliseconds(99));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, FrameFactory.Priority(1, 0));
    }

    [Fact]
    public void Ordinary_traffic_takes_no_glitch_tokens()
    {
        var h = ConnectionHarness.Server(Server(1));
        for (int id = 1; id < 41; id += 2)
        {
            h.ReceiveRequest(id, endStream: false);
            h.Receive(FrameFactory.Data(id, 10, endStream: true), FrameFactory.Ping((ulong)id), FrameFactory.Settings(), FrameFactory.WindowUpdate(0, 1));
            h.Connection.SendHeaders(id, FrameFactory.Response(), endStream: true);
            h.Drain();
        }

        Assert.Equal(39, h.Connection.HighestInboundStreamId);
        // The one token is still there: the first glitch passes, the second trips.
        h.Receive(FrameFactory.Priority(41, 0));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, FrameFactory.Priority(41, 0));
    }

    [Fact]
    public void Defaults_are_nghttp2s_generous_ones()
    {
        var c = new H2Configuration();
        Assert.Equal(10_000, c.GlitchBurst);
        Assert.Equal(330, c.GlitchRatePerSecond);
        Assert.Same(TimeProvider.System, c.TimeProvider);
    }
}
