using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Support.FrameFactory;

namespace H2Sharp.Tests.Changelog;

/// <summary>
/// h2 changelog Bugfix (and behaviour-changing API) lines about stream ids, stream life and
/// connection teardown that had no test named after them. See docs/h2-changelog-rules.md.
/// </summary>
public sealed class StreamRuleChangelogTests
{
    // h2 2.0.0. RFC 9113 5.1.1: "The identifier of a newly established stream MUST be numerically greater
    // than all streams that the initiating endpoint has opened or reserved" (each endpoint on its own).
    [Fact]
    public void Inbound_and_outbound_streams_have_separate_minimum_stream_ids()
    {
        // Server: the client's stream 7 does not raise the floor for the server's own even ids.
        var s = ConnectionHarness.Server();
        s.ReceiveRequest(7, endStream: true);
        Assert.Equal(2, s.Connection.GetNextAvailableStreamId());
        s.Connection.PushStream(7, 2, Request("GET", "/a.css"));
        Assert.Equal(["PushPromise 7"], s.Drain().Select(f => f.ToString()));

        // Client: the server's promised stream 10 does not raise the floor for the client's odd ids.
        var c = ConnectionHarness.Client();
        int id = c.SendRequest(endStream: true);
        var pushed = Assert.IsType<PushedStreamReceived>(Assert.Single(c.Receive(c.Peer.PushPromise(id, 10, Request("GET", "/a.css")))));
        Assert.Equal(10, pushed.PushedStreamId);
        Assert.Equal(3, c.Connection.GetNextAvailableStreamId());
        c.Connection.SendHeaders(3, Request(), endStream: true);
        Assert.Equal(["HEADERS 3 END_STREAM"], c.Drain().Select(f => f.ToString()));
    }

    // h2 2.0.0 ("better job of reporting the last stream ID it has partially handled"). RFC 9113 6.8: the
    // last stream identifier is "the highest-numbered stream identifier for which the sender of the GOAWAY
    // frame might have taken some action on or might yet take action on".
    [Fact]
    public void Goaway_after_a_connection_error_reports_the_highest_stream_processed()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: true);
        h.Receive(h.Peer.Headers(5, Request(), endStream: false));
        h.Drain();
        var ex = Assert.ThrowsAny<ProtocolException>(() => h.Receive(Data(9, 1)));
        Assert.Equal(ErrorCode.ProtocolError, ex.ErrorCode);
        Assert.Equal(["GOAWAY last=5 ProtocolError"], h.Drain().Select(f => f.ToString()));
    }

    // h2 2.0.0 ("Fixed an error in the arguments of StreamIDTooLowError"): the exception names the
    // offending id and the one already used (h2's stream_id and max_stream_id). From the peer it is
    // a connection error; from the caller an ArgumentOutOfRangeException (h2's also is a ValueError).
    [Fact]
    public void Stream_id_too_low_error_names_the_offending_and_the_highest_stream_id()
    {
        var s = ConnectionHarness.Server();
        s.ReceiveRequest(5);
        var peer = s.ReceiveFails<StreamIdTooLowException>(ErrorCode.ProtocolError, s.Peer.Headers(3, Request(), endStream: true));
        Assert.Equal(3, peer.AttemptedStreamId);
        Assert.Equal(5, peer.MaxStreamId);
        Assert.Equal(0, peer.StreamId);
        Assert.Equal("The peer opened stream 3 after stream 5; stream ids must increase (RFC 9113 section 5.1.1).", peer.Message);

        var h = ConnectionHarness.Client();
        h.Connection.SendHeaders(5, Request(), endStream: true);
        h.Drain();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.SendHeaders(3, Request(), endStream: true));
        Assert.Equal("streamId", ex.ParamName);
        Assert.Equal(3, ex.ActualValue);
        Assert.StartsWith("Stream id 3 is lower than 5, already used; stream ids must increase (RFC 9113 section 5.1.1). Use GetNextAvailableStreamId.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Drain());
    }

    // h2 2.0.0 (API change). RFC 9113 5.1.1: "Streams initiated by a client MUST use odd-numbered stream
    // identifiers"; "An endpoint that receives an unexpected stream identifier MUST respond with a
    // connection error of type PROTOCOL_ERROR."
    [Fact]
    public void Streams_opened_with_an_invalid_id_are_rejected_from_the_peer_and_the_user()
    {
        var s = ConnectionHarness.Server();
        s.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, s.Peer.Headers(2, Request(), endStream: true));

        var c = ConnectionHarness.Client();
        var ex = Assert.Throws<NoSuchStreamException>(() => c.Connection.SendHeaders(2, Request(), endStream: true));
        Assert.Equal("Stream 2 belongs to the peer and was never opened by it; a client opens odd stream ids (GetNextAvailableStreamId).", ex.Message);
        Assert.Equal(2, ex.StreamId);
        Assert.Empty(c.Drain());
    }

    // h2 3.2.0, pushed to its edge: DATA on a stream closed so long ago that the closed-stream record
    // forgot it (MaxClosedStreams) still refills the connection window, and a HEADERS block there is
    // still decoded so HPACK stays in step. RFC 9113 6.9: "frames ... that are subject to flow control
    // MUST be counted"; 5.1: a frame on a closed stream is a stream error STREAM_CLOSED.
    [Fact]
    public void Data_on_a_stream_forgotten_by_the_closed_stream_record_still_refills_the_connection_window()
    {
        var h = ConnectionHarness.Client(new H2Configuration { MaxClosedStreams = 1 });
        foreach (int id in new[] { 1, 3, 5 })
        {
            h.SendRequest(endStream: false);
            h.Connection.ResetStream(id, ErrorCode.Cancel);
        }

        h.Drain();
        Assert.Empty(h.Receive(h.Peer.Headers(1, Response()), Data(1, 16_384), Data(1, 16_384)));
        Assert.Equal(["RST_STREAM 1 StreamClosed", "RST_STREAM 1 StreamClosed", "WINDOW_UPDATE 0 +32768", "RST_STREAM 1 StreamClosed"],
            h.Drain().Select(f => f.ToString()));
        int next = h.SendRequest();
        Assert.IsType<ResponseReceived>(h.Receive(h.Peer.Headers(next, Response(), endStream: true))[0]);
    }

    // h2 1.1.0. RFC 9113 6.8: "Endpoints MAY send multiple GOAWAY frames if circumstances change."
    [Fact]
    public void Sending_goaway_more_than_once_does_not_raise()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Connection.CloseConnection();
        h.Connection.CloseConnection(lastStreamId: 1);
        Assert.Equal(["GOAWAY last=1 NoError", "GOAWAY last=1 NoError"], h.Drain().Select(f => f.ToString()));
        h.Connection.CloseConnection(ErrorCode.InternalError);
        h.Connection.CloseConnection(ErrorCode.InternalError);
        Assert.Equal(["GOAWAY last=1 InternalError", "GOAWAY last=1 InternalError"], h.Drain().Select(f => f.ToString()));
    }

    // h2 2.2.2 ("we allowed information responses to be sent or received after final responses").
    // RFC 9113 8.1: a response is "zero or more ... 1xx ... one HEADERS frame ... containing the control
    // data and header section of the final response", then optional trailers.
    [Fact]
    public void Informational_responses_after_the_final_response_are_refused_outbound_and_rejected_inbound()
    {
        var s = ConnectionHarness.Server();
        s.ReceiveRequest(1);
        s.Connection.SendHeaders(1, Response("200"));
        s.Drain();
        var ex = Assert.Throws<ArgumentException>(() => s.Connection.SendHeaders(1, Response("103")));
        Assert.StartsWith("Trailers must end the stream: pass endStream: true (stream 1).", ex.Message, StringComparison.Ordinal);
        Assert.Empty(s.Drain());

        var c = ConnectionHarness.Client();
        int id = c.SendRequest();
        Assert.IsType<ResponseReceived>(Assert.Single(c.Receive(c.Peer.Headers(id, Response("200")))));
        var reset = Assert.IsType<StreamReset>(Assert.Single(c.Receive(c.Peer.Headers(id, Response("103")))));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.Equal([$"RST_STREAM {id} ProtocolError"], c.Drain().Select(f => f.ToString()));
    }

    // h2 2.0.0 (API change: invalid padding terminates the connection). RFC 9113 6.1: "If the length of the
    // padding is the length of the frame payload or greater, the recipient MUST treat this as a connection
    // error of type PROTOCOL_ERROR."
    [Fact]
    public void Frames_with_padding_as_long_as_the_payload_are_connection_errors()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, Raw(FrameType.Data, FrameFlags.Padded, 1, [3, 0, 0]));

        var c = ConnectionHarness.Client();
        int id = c.SendRequest();
        c.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, Raw(FrameType.Headers, FrameFlags.Padded | FrameFlags.EndHeaders, id, [5, 0x88, 0, 0, 0]));
    }

    // h2 2.0.0 (API change). RFC 9113 4.2: "An endpoint MUST send an error code of FRAME_SIZE_ERROR if a frame
    // exceeds the size defined in SETTINGS_MAX_FRAME_SIZE".
    [Fact]
    public void Frames_over_the_max_frame_size_are_frame_size_errors()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.ReceiveFails<FrameTooLargeException>(ErrorCode.FrameSizeError, Data(1, 16_385));
    }

    // h2 2.0.0 (API change): StreamReset also fires, once, when a peer's protocol error closes a stream,
    // with remote_reset false; later frames on that stream raise no second event.
    [Fact]
    public void Stream_reset_fires_once_with_remote_reset_false_when_a_peer_error_closes_a_stream()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, false, ("content-length", "2"));
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(Data(1, 3))));
        Assert.False(reset.RemoteReset);
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.IsType<InvalidBodyLengthException>(reset.Error);
        Assert.Equal(["RST_STREAM 1 ProtocolError"], h.Drain().Where(f => f.Type == FrameType.RstStream).Select(f => f.ToString()));
        Assert.Empty(h.Receive(Data(1, 1), RstStream(1, ErrorCode.Cancel)));
    }

    // h2 2.1.1 ("debug representations for all events"): every event prints its name and its fields.
    [Fact]
    public void Events_have_debug_representations()
    {
        var h = ConnectionHarness.Server();
        var events = h.ReceiveRequest(1, endStream: false).Concat(h.Receive(Data(1, 2, endStream: true), Ping(7))).ToList();
        Assert.StartsWith("RequestReceived { StreamId = 1, Headers = ", events[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("StreamEnded { StreamId = 1 }", events[2].ToString());
        Assert.Contains("FlowControlledLength = 2, StreamEnded = StreamEnded { StreamId = 1 }", events[1].ToString(), StringComparison.Ordinal);
        Assert.EndsWith("OpaqueData = 7 }", events[3].ToString(), StringComparison.Ordinal);
    }

    // h2 2.1.1: h2's reprs show the headers and the payload bytes; H2Sharp's records print the types
    // ("Headers = H2Sharp.HeaderField[]", "PingData = System.ReadOnlyMemory<Byte>[8]").
    [Fact]
    public void Event_debug_representations_show_headers_and_payload_bytes()
    {
        var h = ConnectionHarness.Server();
        var events = h.ReceiveRequest(1, endStream: false).Concat(h.Receive(Data(1, "hi"u8.ToArray(), endStream: true), Ping(7))).ToList();
        Assert.Contains(":path: /", events[0].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.ReadOnlyMemory", events[1].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.ReadOnlyMemory", events[3].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Event_debug_representations_are_exact()
    {
        var data = new DataReceived { StreamId = 3, Data = "hi"u8.ToArray(), FlowControlledLength = 2 };
        Assert.Equal("DataReceived { StreamId = 3, Data = \"hi\", FlowControlledLength = 2, StreamEnded = null }", data.ToString());
        var ping = new PingReceived { PingData = new byte[] { 0, 0, 0, 0, 0, 0, 0, 7 }, OpaqueData = 7 };
        Assert.Equal("PingReceived { PingData = 0x0000000000000007, OpaqueData = 7 }", ping.ToString());
        var request = new RequestReceived { StreamId = 1, Headers = [new(":method", "GET"), new(":path", "/")] };
        Assert.Equal("RequestReceived { StreamId = 1, Headers = [:method: GET, :path: /], TextHeaders = null, StreamEnded = null, PriorityUpdated = null }", request.ToString());
        var big = new UnknownFrameReceived { FrameType = 0x20, Payload = new byte[100] };
        Assert.Equal("UnknownFrameReceived { FrameType = 32, Flags = 0, StreamId = 0, Payload = 0x" + new string('0', 128) + "... (100 bytes) }", big.ToString());
    }
}
