using System;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

/// <summary>Stream errors reset one stream and the connection lives on (RFC 9113 5.4.2); late frames on closed streams.</summary>
public class StreamErrorTests
{
    [Fact]
    public void Body_longer_than_content_length_is_a_stream_error_with_invalid_body_length()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, false, ("content-length", "3"));
        var events = h.Receive(FrameFactory.Data(1, 4));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.False(reset.RemoteReset);
        Assert.IsType<InvalidBodyLengthException>(reset.Error);
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]);
    }

    [Fact]
    public void Body_shorter_than_content_length_at_end_stream_is_a_stream_error()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, false, ("content-length", "10"));
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Data(1, 4, endStream: true))));
        Assert.IsType<InvalidBodyLengthException>(reset.Error);
    }

    [Theory]
    [InlineData("+5")]
    [InlineData("5 ")]
    [InlineData("0x5")]
    [InlineData("")]
    public void Content_length_is_parsed_strictly(string value)
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, ValidateInboundHeaders = false });
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(1, false, ("content-length", value))));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
    }

    [Fact]
    public void Conflicting_content_length_duplicates_are_rejected()
    {
        var h = ConnectionHarness.Server();
        var events = h.ReceiveRequest(1, false, ("content-length", "5"), ("content-length", "6"));
        Assert.IsType<StreamReset>(Assert.Single(events));
    }

    [Fact]
    public void Responses_to_head_requests_have_no_body_regardless_of_content_length()
    {
        // h2 2.4.1 bugfix: a HEAD response has no body whatever its content-length; one that has is rejected.
        var h = ConnectionHarness.Client();
        int id = h.SendRequest(method: "HEAD");
        var events = h.Receive(h.Peer.Headers(id, FrameFactory.Response("200", ("content-length", "100")), endStream: true));
        Assert.IsType<ResponseReceived>(events[0]);
        Assert.IsType<StreamEnded>(events[1]);

        id = h.SendRequest(method: "HEAD");
        h.Receive(h.Peer.Headers(id, FrameFactory.Response("200", ("content-length", "100"))));
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Data(id, 1))));
        Assert.IsType<InvalidBodyLengthException>(reset.Error);
    }

    [Fact]
    public void Receiving_data_before_headers_is_a_protocol_error()
    {
        // h2 4.0.0: DATA before HEADERS is an error (a stream error here, the connection lives on).
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Data(1, 3))));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.Equal("RST_STREAM 1 ProtocolError", h.Drain().Single(f => f.Type == H2Sharp.Frames.FrameType.RstStream).ToString());
    }

    [Fact]
    public void Data_on_idle_stream_is_a_connection_error()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, FrameFactory.Data(1, 1));
    }

    [Fact]
    public void Data_after_peer_end_stream_is_stream_closed()
    {
        // h2 2.0.0: DATA on a stream not open or half-closed (local) is a stream reset, StreamClosedError.
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Data(1, 2))));
        Assert.Equal(ErrorCode.StreamClosed, reset.ErrorCode);
        // A peer fault: a ProtocolException with STREAM_CLOSED (StreamClosedException is the caller's).
        var error = Assert.IsType<ProtocolException>(reset.Error);
        Assert.Equal(ErrorCode.StreamClosed, error.ErrorCode);
        Assert.Equal(1, error.StreamId);
        Assert.Equal("The peer sent DATA on stream 1 after ending it.", error.Message);
    }

    [Fact]
    public void Receiving_headers_in_half_closed_remote_is_a_stream_reset()
    {
        // h2 2.0.0: HEADERS in HALF_CLOSED_REMOTE causes a stream reset, not a connection reset.
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(1, FrameFactory.Fields(("x", "y")), endStream: true))));
        Assert.Equal(ErrorCode.StreamClosed, reset.ErrorCode);
        Assert.Equal("RST_STREAM 1 StreamClosed", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Frames_received_on_reset_streams_are_ignored_except_connection_state()
    {
        // h2 2.1.2 bugfix: after the user resets a stream, its frames are ignored but still
        // update HPACK and the connection window.
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Connection.ResetStream(1, ErrorCode.Cancel);
        Assert.Equal("RST_STREAM 1 Cancel", Assert.Single(h.Drain()).ToString());
        var events = h.Receive(FrameFactory.Data(1, 12_000), FrameFactory.Data(1, 12_000), FrameFactory.Data(1, 12_000), h.Peer.Headers(1, FrameFactory.Fields(("x-t", "1")), endStream: true), FrameFactory.WindowUpdate(1, 5), FrameFactory.RstStream(1, ErrorCode.Cancel));
        Assert.Empty(events);
        Assert.Equal("WINDOW_UPDATE 0 +36000", Assert.Single(h.Drain()).ToString());
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]); // HPACK still in step
    }

    [Fact]
    public void Receiving_data_frames_on_closed_streams_emits_window_update()
    {
        // h2 3.2.0 bugfix: DATA on closed (or reset) streams keeps the connection window topped up.
        // Here the peer reset the stream (a stream error); after END_STREAM both ways it is a
        // connection error (Data_after_end_stream_both_ways_is_a_connection_error_stream_closed).
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Receive(FrameFactory.RstStream(1, ErrorCode.Cancel));
        Assert.Empty(h.Receive(FrameFactory.Data(1, 16_384), FrameFactory.Data(1, 16_384)));
        var sent = h.Drain().Select(f => f.ToString()).ToList();
        Assert.Equal(["RST_STREAM 1 StreamClosed", "WINDOW_UPDATE 0 +32768", "RST_STREAM 1 StreamClosed"], sent);
    }

    [Fact]
    public void Data_after_end_stream_both_ways_is_a_connection_error_stream_closed()
    {
        // RFC 9113 5.1 (closed): "An endpoint MAY treat receipt of any other type of frame on a
        // closed stream as a connection error of type STREAM_CLOSED"; RFC 7540 said MUST.
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response(), endStream: true);
        h.Drain();
        var ex = h.ReceiveFails<ProtocolException>(ErrorCode.StreamClosed, FrameFactory.Data(1, 10));
        Assert.Equal(0, ex.StreamId);
    }

    [Fact]
    public void Headers_after_end_stream_both_ways_is_a_connection_error_stream_closed()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.Headers(1, FrameFactory.Response(), endStream: true));
        var ex = h.ReceiveFails<ProtocolException>(ErrorCode.StreamClosed, h.Peer.Headers(1, FrameFactory.Response(), endStream: true));
        Assert.Equal(0, ex.StreamId);
    }

    [Fact]
    public void Window_update_and_rst_stream_after_closure_are_ignored()
    {
        // h2 3.1.1 bugfix.
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.Headers(1, FrameFactory.Response(), endStream: true));
        Assert.Empty(h.Receive(FrameFactory.WindowUpdate(1, 10), FrameFactory.RstStream(1, ErrorCode.NoError)));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Frames_on_closed_streams_give_stream_errors_not_connection_errors()
    {
        // h2 2.6.0 bugfix: closed-stream frames are stream errors where the RFC allows.
        var h = ConnectionHarness.Client();
        h.SendRequest(endStream: false);
        Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.RstStream(1, ErrorCode.Cancel))));
        Assert.Empty(h.Receive(FrameFactory.Data(1, 5)));
        Assert.Equal("RST_STREAM 1 StreamClosed", Assert.Single(h.Drain()).ToString());
        Assert.Equal(3, h.SendRequest());
    }

    [Fact]
    public void Rst_stream_on_idle_stream_is_a_connection_error()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, FrameFactory.RstStream(1, ErrorCode.Cancel));
    }

    [Fact]
    public void Peer_reset_gives_remote_stream_reset()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.RstStream(1, ErrorCode.Cancel))));
        Assert.Equal(new StreamReset { StreamId = 1, ErrorCode = ErrorCode.Cancel, RemoteReset = true }, reset);
        Assert.Throws<StreamClosedException>(() => h.Connection.SendHeaders(1, FrameFactory.Response()));
    }

    [Fact]
    public void Priority_never_creates_stream_state_and_self_dependency_is_a_stream_error()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(FrameFactory.Priority(9, 0, 200));
        Assert.Equal(new PriorityUpdated { StreamId = 9, Weight = 200, DependsOn = 0 }, Assert.Single(events));
        Assert.IsType<RequestReceived>(h.ReceiveRequest(1)[0]); // id 9 was not "used"
        Assert.Empty(h.Receive(FrameFactory.Priority(3, 3)));
        // Stream 3 is idle: RFC 7540 5.3.1's stream error all the same (no state is created).
        Assert.Equal("RST_STREAM 3 ProtocolError", Assert.Single(h.Drain()).ToString());
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Priority(1, 1))));
        Assert.Equal((1, ErrorCode.ProtocolError, false), (reset.StreamId, reset.ErrorCode, reset.RemoteReset));
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Caller_misuse_leaves_the_connection_usable()
    {
        var h = ConnectionHarness.Client();
        Assert.Throws<NoSuchStreamException>(() => h.Connection.SendData(1, "x"u8));
        Assert.Throws<NoSuchStreamException>(() => h.Connection.ResetStream(7));
        int id = h.SendRequest();
        Assert.Throws<StreamClosedException>(() => h.Connection.SendData(id, "x"u8));
        Assert.Throws<StreamClosedException>(() => h.Connection.EndStream(id));
        Assert.Empty(h.Drain());
        Assert.Equal(3, h.SendRequest());
    }

    [Fact]
    public void Unknown_frames_are_reported_and_ignored()
    {
        var h = ConnectionHarness.Client();
        var e = Assert.IsType<UnknownFrameReceived>(Assert.Single(h.Receive(FrameFactory.Unknown(0xfa, 0, [1, 2]))));
        Assert.Equal(0xfa, e.FrameType);
        Assert.Equal([1, 2], e.Payload.ToArray());
    }

    [Fact]
    public void Malformed_request_is_a_stream_error_when_rules_reject_it()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Fields((":method", "GET"), (":path", "/")), endStream: true));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]);
    }
}
