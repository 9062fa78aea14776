using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace H2Sharp.Tests.Hardening;

/// <summary>Rapid reset (CVE-2023-44487): a token bucket of streams the peer opens and gets reset.</summary>
public class RapidResetTests
{
    private static H2Configuration Server(int burst, int rate = 0, TimeProvider? time = null, uint? maxConcurrent = 100) => new()
    {
        ClientSide = false,
        StreamResetBurst = burst,
        StreamResetRatePerSecond = rate,
        TimeProvider = time ?? new FakeTimeProvider(),
        MaxConcurrentStreams = maxConcurrent,
    };

    private static byte[] OpenAndReset(ConnectionHarness h, int id) =>
        FrameFactory.Concat(h.Peer.Headers(id, FrameFactory.Request(), endStream: false), FrameFactory.RstStream(id, ErrorCode.Cancel));

    [Fact]
    public void Burst_of_peer_resets_passes_and_one_more_is_goaway_enhance_your_calm()
    {
        var h = ConnectionHarness.Server(Server(burst: 3));
        for (int id = 1; id <= 5; id += 2)
        {
            var events = h.Receive(OpenAndReset(h, id));
            Assert.IsType<RequestReceived>(events[0]);
            Assert.Equal(new StreamReset { StreamId = id, ErrorCode = ErrorCode.Cancel, RemoteReset = true }, events[1]);
        }

        Assert.Empty(h.Drain());
        var ex = h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, OpenAndReset(h, 7));
        Assert.Contains("rapid reset", ex.Message, StringComparison.Ordinal);
        Assert.Equal(7, h.Connection.HighestInboundStreamId);
        // Closed: later input is ignored.
        Assert.Empty(h.Receive(FrameFactory.Ping(1)));
    }

    [Fact]
    public void Bucket_refills_at_the_rate_per_second_from_the_time_provider()
    {
        var time = new FakeTimeProvider();
        var h = ConnectionHarness.Server(Server(burst: 2, rate: 2, time));
        h.Receive(OpenAndReset(h, 1));
        h.Receive(OpenAndReset(h, 3));
        time.Advance(TimeSpan.FromMilliseconds(499)); // not yet one token (one per 500 ms)
        Assert.Throws<DenialOfServiceException>(() => h.Receive(OpenAndReset(h, 5)));

        time = new FakeTimeProvider();
        h = ConnectionHarness.Server(Server(burst: 2, rate: 2, time));
        h.Receive(OpenAndReset(h, 1));
        h.Receive(OpenAndReset(h, 3));
        time.Advance(TimeSpan.FromSeconds(1)); // two tokens back
        h.Receive(OpenAndReset(h, 5));
        h.Receive(OpenAndReset(h, 7));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, OpenAndReset(h, 9));
    }

    [Fact]
    public void Refill_never_exceeds_the_burst()
    {
        var time = new FakeTimeProvider();
        var h = ConnectionHarness.Server(Server(burst: 2, rate: 1000, time));
        time.Advance(TimeSpan.FromDays(365));
        h.Receive(OpenAndReset(h, 1));
        h.Receive(OpenAndReset(h, 3));
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, OpenAndReset(h, 5));
    }

    [Fact]
    public void Streams_refused_over_max_concurrent_streams_count_as_resets()
    {
        var h = ConnectionHarness.Server(Server(burst: 2, maxConcurrent: 1));
        h.ReceiveRequest(1, endStream: false);
        for (int id = 3; id <= 5; id += 2)
        {
            var reset = Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(id)));
            Assert.Equal(ErrorCode.RefusedStream, reset.ErrorCode);
            Assert.Equal($"RST_STREAM {id} RefusedStream", Assert.Single(h.Drain()).ToString());
        }

        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, h.Peer.Headers(7, FrameFactory.Request(), endStream: true));
    }

    [Fact]
    public void Streams_we_reset_for_peer_faults_count_as_resets()
    {
        var h = ConnectionHarness.Server(Server(burst: 2));
        for (int id = 1; id <= 3; id += 2)
        {
            var reset = Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(id, true, ("content-length", "x"))));
            Assert.False(reset.RemoteReset);
            Assert.Equal($"RST_STREAM {id} ProtocolError", Assert.Single(h.Drain()).ToString());
        }

        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, h.Peer.Headers(5, FrameFactory.Request("GET", "/", ("content-length", "x")), endStream: true));
    }

    [Fact]
    public void Resets_the_application_sends_and_peer_resets_of_our_own_streams_do_not_count()
    {
        var server = ConnectionHarness.Server(Server(burst: 1));
        for (int id = 1; id <= 9; id += 2)
        {
            server.ReceiveRequest(id, endStream: false);
            server.Connection.ResetStream(id, ErrorCode.Cancel);
            Assert.Equal($"RST_STREAM {id} Cancel", Assert.Single(server.Drain()).ToString());
        }

        var client = ConnectionHarness.Client(new H2Configuration { StreamResetBurst = 1, TimeProvider = new FakeTimeProvider() });
        for (int i = 0; i < 5; i++)
        {
            int id = client.SendRequest(endStream: false);
            Assert.Equal(new StreamReset { StreamId = id, ErrorCode = ErrorCode.Cancel, RemoteReset = true }, Assert.Single(client.Receive(FrameFactory.RstStream(id, ErrorCode.Cancel))));
        }

        Assert.Empty(client.Drain());
    }

    [Fact]
    public void Default_budget_is_nghttp2s_burst_of_1000()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, TimeProvider = new FakeTimeProvider() });
        Assert.Equal(1_000, h.Connection.Config.StreamResetBurst);
        Assert.Equal(33, h.Connection.Config.StreamResetRatePerSecond);
        var frames = new List<byte[]>();
        for (int i = 0; i < 1_000; i++)
        {
            frames.Add(OpenAndReset(h, (2 * i) + 1));
        }

        Assert.Equal(2_000, h.Receive(frames.ToArray()).Count);
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, OpenAndReset(h, 2_001));
    }

    [Fact]
    public void Goaway_is_the_last_frame_sent()
    {
        var h = ConnectionHarness.Server(Server(burst: 1));
        h.Receive(OpenAndReset(h, 1));
        Assert.Throws<DenialOfServiceException>(() => h.Receive(OpenAndReset(h, 3)));
        var sent = h.Drain();
        Assert.Equal("GOAWAY last=3 EnhanceYourCalm", Assert.Single(sent).ToString());
        Assert.Equal(FrameType.GoAway, sent[0].Type);
    }
}
