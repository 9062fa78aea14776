using System;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Hardening;

/// <summary>Manual flow control on a stream that closed between the DATA event and the increment (beyond h2, which raises).</summary>
public class ClosedStreamWindowTests
{
    [Fact]
    public void Increment_on_a_stream_the_peer_just_ended_is_a_silent_no_op_server()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Connection.SendHeaders(1, FrameFactory.Response(), endStream: true);
        h.Drain();
        var events = h.Receive(FrameFactory.Data(1, 100, endStream: true));
        var data = Assert.IsType<DataReceived>(events[0]);
        Assert.Equal(new StreamEnded { StreamId = 1 }, events[1]);

        h.Connection.IncrementFlowControlWindow(data.FlowControlledLength, data.StreamId);
        h.Connection.IncrementFlowControlWindow(data.FlowControlledLength);
        Assert.Equal(["WINDOW_UPDATE 0 +100"], h.Drain().Select(f => f.ToString()));
    }

    [Fact]
    public void Increment_on_a_stream_the_peer_reset_is_a_silent_no_op_client()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest();
        h.Receive(h.Peer.Headers(id, FrameFactory.Response()), FrameFactory.Data(id, 10));
        h.Receive(FrameFactory.RstStream(id, ErrorCode.Cancel));
        h.Connection.IncrementFlowControlWindow(10, id);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Increment_on_a_stream_we_reset_is_a_silent_no_op()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Connection.ResetStream(1, ErrorCode.Cancel);
        h.Drain();
        h.Connection.IncrementFlowControlWindow(5, 1);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void A_stream_id_never_used_still_raises()
    {
        var h = ConnectionHarness.Client();
        var ex = Assert.Throws<NoSuchStreamException>(() => h.Connection.IncrementFlowControlWindow(5, 1));
        Assert.Equal(1, ex.StreamId);
        Assert.StartsWith("Stream 0 is the connection: pass streamId: null", Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.IncrementFlowControlWindow(5, 0)).Message, StringComparison.Ordinal);
        Assert.Equal(-3, Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.IncrementFlowControlWindow(5, -3)).ActualValue);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void A_stream_forgotten_by_the_closed_stream_record_still_raises()
    {
        var h = ConnectionHarness.Client(new H2Configuration { MaxClosedStreams = 1 });
        for (int i = 0; i < 2; i++)
        {
            int id = h.SendRequest();
            h.Receive(h.Peer.Headers(id, FrameFactory.Response(), endStream: true));
        }

        h.Connection.IncrementFlowControlWindow(5, 3); // remembered: no-op
        Assert.Throws<StreamClosedException>(() => h.Connection.IncrementFlowControlWindow(5, 1));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Skipped_ids_below_the_highest_still_raise()
    {
        var h = ConnectionHarness.Client();
        h.Connection.SendHeaders(5, FrameFactory.Request(), endStream: true);
        h.Drain();
        Assert.Throws<StreamClosedException>(() => h.Connection.IncrementFlowControlWindow(5, 3));
    }
}
