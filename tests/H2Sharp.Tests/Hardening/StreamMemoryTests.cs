using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Hardening;

/// <summary>Memory the peer can make us hold: tracked streams (pushes included) and the closed-stream record.</summary>
public class StreamMemoryTests
{
    private static byte[] Push(ConnectionHarness h, int parent, int promised) => h.Peer.PushPromise(parent, promised, FrameFactory.Request("GET", "/p" + promised));

    [Fact]
    public void Reserved_pushed_streams_are_capped_by_max_tracked_streams()
    {
        var h = ConnectionHarness.Client(new H2Configuration { MaxTrackedStreams = 3 });
        int id = h.SendRequest();
        for (int promised = 2; promised <= 6; promised += 2)
        {
            var pushed = Assert.IsType<PushedStreamReceived>(Assert.Single(h.Receive(Push(h, id, promised))));
            Assert.Equal(promised, pushed.PushedStreamId);
        }

        Assert.Empty(h.Drain());
        var ex = h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, Push(h, id, 8));
        Assert.Contains("MaxTrackedStreams", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_pushed_stream_frees_its_place()
    {
        var h = ConnectionHarness.Client(new H2Configuration { MaxTrackedStreams = 2 });
        int id = h.SendRequest();
        h.Receive(Push(h, id, 2), Push(h, id, 4));
        var done = h.Receive(h.Peer.Headers(2, FrameFactory.Response(), endStream: true));
        Assert.IsType<ResponseReceived>(done[0]);
        Assert.IsType<PushedStreamReceived>(Assert.Single(h.Receive(Push(h, id, 6))));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, Push(h, id, 8));
    }

    [Theory]
    [InlineData(100u, 200L)]
    [InlineData(10u, 100L)]
    [InlineData(1000u, 2000L)]
    public void Default_tracked_cap_is_twice_max_concurrent_streams_and_at_least_100(uint maxConcurrent, long expected) =>
        Assert.Equal(expected, new H2Configuration { MaxConcurrentStreams = maxConcurrent }.EffectiveMaxTrackedStreams);

    [Fact]
    public void No_concurrency_limit_means_no_default_tracked_cap()
    {
        Assert.Equal(long.MaxValue, new H2Configuration { MaxConcurrentStreams = null }.EffectiveMaxTrackedStreams);
        Assert.Equal(7, new H2Configuration { MaxConcurrentStreams = null, MaxTrackedStreams = 7 }.EffectiveMaxTrackedStreams);
    }

    [Fact]
    public void Server_streams_within_max_concurrent_streams_never_reach_the_tracked_cap()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxConcurrentStreams = 3, MaxTrackedStreams = 3 });
        for (int id = 1; id <= 5; id += 2)
        {
            Assert.IsType<RequestReceived>(h.ReceiveRequest(id, endStream: false)[0]);
        }

        // The fourth is refused by MAX_CONCURRENT_STREAMS, not a connection error.
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(7)));
        Assert.Equal(ErrorCode.RefusedStream, reset.ErrorCode);
    }

    [Fact]
    public void Closed_stream_record_remembers_exactly_max_closed_streams()
    {
        // Streams we reset are remembered: late DATA on them is ignored. Forgotten ones get STREAM_CLOSED.
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxClosedStreams = 2 });
        for (int id = 1; id <= 5; id += 2)
        {
            h.ReceiveRequest(id, endStream: false);
            h.Connection.ResetStream(id, ErrorCode.Cancel);
        }

        h.Drain();
        Assert.Empty(h.Receive(FrameFactory.Data(3, [], endStream: true), FrameFactory.Data(5, [], endStream: true)));
        Assert.Empty(h.Drain());
        Assert.Empty(h.Receive(FrameFactory.Data(1, [], endStream: true)));
        Assert.Equal("RST_STREAM 1 StreamClosed", Assert.Single(h.Drain()).ToString());
        Assert.Equal(2, h.Connection.MaxClosedStreams);
    }

    [Fact]
    public void Control_answer_backlog_counts_rst_stream_answers()
    {
        // RST_STREAM is 13 octets: four (52) fit in 64, the fifth (65) is a flood when nobody drains.
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxOutboundBufferedControlBytes = 64 });
        h.ReceiveRequest(1, endStream: false);
        h.Receive(FrameFactory.RstStream(1, ErrorCode.Cancel));
        var late = FrameFactory.Data(1, [], endStream: true); // after the peer's RST_STREAM: RST_STREAM STREAM_CLOSED
        h.Receive(late, late, late, late);
        Assert.Equal(4, h.Drain().Count(f => f.ToString() == "RST_STREAM 1 StreamClosed"));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, late, late, late, late, late);
    }

    [Fact]
    public void Ping_ack_backlog_is_exact()
    {
        // A PING ACK is 17 octets: 10 fit in 170.
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxOutboundBufferedControlBytes = 170 });
        var events = h.Receive(Enumerable.Range(0, 10).Select(i => FrameFactory.Ping((ulong)i)).ToArray());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ulong)i), events.Cast<PingReceived>().Select(p => p.OpaqueData));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"PING ACK {i:x}"), h.Drain().Select(f => f.ToString()));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, Enumerable.Range(0, 11).Select(i => FrameFactory.Ping((ulong)i)).ToArray());
    }
}
