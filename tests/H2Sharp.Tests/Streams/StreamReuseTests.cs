using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Streams;

/// <summary>A closed stream's object is reused for a later stream: nothing of the old stream may show.</summary>
public class StreamReuseTests
{
    [Fact]
    public void A_stream_after_a_closed_one_starts_fresh_content_length_and_windows()
    {
        var h = ConnectionHarness.Server();
        // Stream 1: content-length 5, body of 5, window used; closed both ways.
        h.Receive(h.Peer.Headers(1, FrameFactory.Request("POST", "/", ("content-length", "5"))), FrameFactory.Data(1, 5, endStream: true));
        h.Connection.SendHeaders(1, FrameFactory.Response("200"), endStream: true);
        h.Drain();

        // Stream 3 has no content-length: a body of 7 is fine, and its window is the full initial one.
        var events = h.Receive(h.Peer.Headers(3, FrameFactory.Request("POST")), FrameFactory.Data(3, 7, endStream: true));

        Assert.Equal(7, Assert.Single(events.OfType<DataReceived>()).Length);
        Assert.Contains(events, e => e is StreamEnded { StreamId: 3 });
        Assert.DoesNotContain(h.Drain(), f => f.Type == H2Sharp.Frames.FrameType.RstStream);
        Assert.Equal(65535, h.Connection.LocalFlowControlWindow(3));
    }
}
