using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

public class RequestResponseTests
{
    [Fact]
    public void Server_receives_request_with_linked_stream_ended_and_answers()
    {
        var h = ConnectionHarness.Server();
        var events = h.ReceiveRequest(1);
        Assert.Equal(2, events.Count);
        var request = Assert.IsType<RequestReceived>(events[0]);
        var ended = Assert.IsType<StreamEnded>(events[1]);
        Assert.Equal(1, request.StreamId);
        Assert.Same(ended, request.StreamEnded);
        Assert.Null(request.PriorityUpdated);
        Assert.Equal([":method", ":scheme", ":authority", ":path"], request.Headers.Select(f => f.NameString));
        Assert.Equal(1, h.Connection.OpenInboundStreams);

        h.Connection.SendHeaders(1, FrameFactory.Response("200", ("content-length", "2")));
        h.Connection.SendData(1, "ok"u8, endStream: true);
        var sent = h.Drain();
        Assert.Equal(["HEADERS 1", "DATA 1 len=2 END_STREAM"], sent.Select(f => f.ToString()));
        Assert.Equal("200", sent[0].Headers[0].ValueString);
        Assert.Equal(0, h.Connection.OpenInboundStreams);
        Assert.Throws<StreamClosedException>(() => h.Connection.SendData(1, "x"u8));
    }

    [Fact]
    public void Client_sends_request_and_receives_response_data_and_end()
    {
        var h = ConnectionHarness.Client();
        Assert.Equal(1, h.Connection.GetNextAvailableStreamId());
        h.Connection.SendHeaders(1, FrameFactory.Request(), endStream: true);
        var sent = h.Drain();
        Assert.Equal("HEADERS 1 END_STREAM", Assert.Single(sent).ToString());
        Assert.Equal(3, h.Connection.GetNextAvailableStreamId());
        Assert.Equal(1, h.Connection.OpenOutboundStreams);

        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Response("200")), FrameFactory.Data(1, "hello"u8.ToArray(), endStream: true));
        Assert.IsType<ResponseReceived>(events[0]);
        var data = Assert.IsType<DataReceived>(events[1]);
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(data.Data.Span));
        Assert.Equal(5, data.FlowControlledLength);
        Assert.Same(events[2], data.StreamEnded);
        Assert.Equal(3, events.Count);
        Assert.Equal(0, h.Connection.OpenOutboundStreams);
    }

    [Fact]
    public void Client_receives_informational_then_final_then_trailers()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var e1 = h.Receive(h.Peer.Headers(1, FrameFactory.Response("100")));
        Assert.IsType<InformationalResponseReceived>(Assert.Single(e1));
        var e2 = h.Receive(h.Peer.Headers(1, FrameFactory.Response("200")));
        Assert.IsType<ResponseReceived>(Assert.Single(e2));
        var e3 = h.Receive(h.Peer.Headers(1, FrameFactory.Fields(("grpc-status", "0")), endStream: true));
        var trailers = Assert.IsType<TrailersReceived>(e3[0]);
        Assert.Same(e3[1], trailers.StreamEnded);
    }

    [Fact]
    public void Server_sends_informational_response_then_final_then_trailers()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response("103"));
        h.Connection.SendHeaders(1, FrameFactory.Response("200"));
        h.Connection.SendData(1, "body"u8);
        Assert.Equal("endStream", Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, FrameFactory.Fields(("x-checksum", "1")))).ParamName);
        h.Connection.SendHeaders(1, FrameFactory.Fields(("x-checksum", "1")), endStream: true);
        Assert.Equal(["HEADERS 1", "HEADERS 1", "DATA 1 len=4", "HEADERS 1 END_STREAM"], h.Drain().Select(f => f.ToString()));
    }

    [Fact]
    public void Headers_with_priority_carry_linked_priority_updated_after_stream_ended()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Request(), endStream: true, priority: new PriorityInfo(0, 32, true)));
        Assert.Equal([typeof(RequestReceived), typeof(StreamEnded), typeof(PriorityUpdated)], events.Select(e => e.GetType()));
        var request = (RequestReceived)events[0];
        Assert.Same(events[2], request.PriorityUpdated);
        Assert.Equal(new PriorityUpdated { StreamId = 1, Weight = 32, DependsOn = 0, Exclusive = true }, events[2]);
    }

    [Fact]
    public void Large_header_block_goes_out_as_headers_and_continuation()
    {
        var h = ConnectionHarness.Client();
        var big = FrameFactory.Request("GET", "/", ("x-big", new string('a', 70_000)));
        h.Connection.SendHeaders(1, big, endStream: true);
        var sent = h.Drain();
        Assert.Equal(["HEADERS 1 END_STREAM", "CONTINUATION 1", "CONTINUATION 1"], sent.Select(f => f.ToString()));
        Assert.All(sent, f => Assert.True(f.Payload.Length <= 16_384));
        Assert.Equal(FrameFlags.EndHeaders, sent[2].Flags & FrameFlags.EndHeaders);
        Assert.Equal(new string('a', 70_000), sent[2].Headers[4].ValueString);
    }

    [Fact]
    public void Continuation_frames_are_reassembled_on_receipt()
    {
        var h = ConnectionHarness.Server();
        var block = h.Peer.Block(FrameFactory.Request("GET", "/split"));
        var events = h.Receive(
            FrameFactory.RawHeaders(1, block[..3], endStream: true, endHeaders: false),
            FrameFactory.Continuation(1, block[3..5], endHeaders: false),
            FrameFactory.Continuation(1, block[5..], endHeaders: true));
        var request = Assert.IsType<RequestReceived>(events[0]);
        Assert.Equal("/split", request.Headers[3].ValueString);
        Assert.IsType<StreamEnded>(events[1]);
    }

    [Fact]
    public void Other_frame_inside_header_block_is_a_connection_error()
    {
        var h = ConnectionHarness.Server();
        var block = h.Peer.Block(FrameFactory.Request());
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError,
            FrameFactory.RawHeaders(1, block[..3], endHeaders: false),
            FrameFactory.Ping(7));
    }

    [Fact]
    public void Continuation_on_another_stream_inside_header_block_is_a_connection_error()
    {
        var h = ConnectionHarness.Server();
        var block = h.Peer.Block(FrameFactory.Request());
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError,
            FrameFactory.RawHeaders(1, block[..3], endHeaders: false),
            FrameFactory.Continuation(3, block[3..], endHeaders: true));
    }

    [Fact]
    public void Continuation_frames_on_closed_streams_are_connection_errors_protocol_error()
    {
        // h2 3.0.1 bugfix: CONTINUATION on a closed stream is a connection error PROTOCOL_ERROR (RFC 7540 6.10).
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response(), endStream: true);
        h.Drain();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, FrameFactory.Continuation(1, [0x82], endHeaders: true));
    }

    [Fact]
    public void Receiving_more_than_one_continuation_sequence_works()
    {
        // h2 2.3.1 bugfix: a second CONTINUATION sequence on the connection must not fail.
        var h = ConnectionHarness.Server();
        foreach (int id in new[] { 1, 3 })
        {
            var block = h.Peer.Block(FrameFactory.Request());
            var events = h.Receive(FrameFactory.RawHeaders(id, block[..2], endStream: true, endHeaders: false), FrameFactory.Continuation(id, block[2..], true));
            Assert.IsType<RequestReceived>(events[0]);
        }
    }

    [Fact]
    public void Continuation_flood_is_denial_of_service()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxContinuationFrames = 4 });
        var frames = new List<byte[]> { FrameFactory.RawHeaders(1, [], endHeaders: false) };
        for (int i = 0; i < 5; i++)
        {
            frames.Add(FrameFactory.Continuation(1, [], endHeaders: false));
        }

        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, frames.ToArray());
    }

    [Fact]
    public void Header_block_larger_than_limit_is_denial_of_service()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxHeaderBlockSize = 100 });
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm,
            FrameFactory.RawHeaders(1, new byte[60], endHeaders: false), FrameFactory.Continuation(1, new byte[60], endHeaders: false));
    }

    [Fact]
    public void Hpack_garbage_is_a_compression_error()
    {
        var h = ConnectionHarness.Server();
        var ex = h.ReceiveFails<ProtocolException>(ErrorCode.CompressionError, FrameFactory.RawHeaders(1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]));
        Assert.Equal(0, ex.StreamId);
    }

    [Fact]
    public void Header_list_too_large_resets_only_that_stream_and_keeps_hpack_in_step()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxHeaderListSize = 200 });
        var events = h.ReceiveRequest(1, true, ("x-big", new string('b', 300)));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.False(reset.RemoteReset);
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
        // The next request, encoded against the peer's updated table, still decodes.
        var next = h.ReceiveRequest(3);
        Assert.IsType<RequestReceived>(next[0]);
    }

    [Fact]
    public void Server_cannot_open_a_stream_with_headers_and_stays_usable()
    {
        var h = ConnectionHarness.Server();
        var role = Assert.Throws<EndpointRoleException>(() => h.Connection.SendHeaders(2, FrameFactory.Response()));
        Assert.Equal("A server cannot open stream 2 with headers; servers open streams by pushing (PushStream).", role.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(role);
        Assert.Throws<NoSuchStreamException>(() => h.Connection.SendHeaders(1, FrameFactory.Response()));
        Assert.Empty(h.Drain());
        Assert.IsType<RequestReceived>(h.ReceiveRequest(1)[0]);
    }

    [Fact]
    public void Client_stream_ids_must_increase_and_closed_streams_say_closed()
    {
        var h = ConnectionHarness.Client();
        h.Connection.SendHeaders(5, FrameFactory.Request(), endStream: true);
        Assert.Equal(3, Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.SendHeaders(3, FrameFactory.Request())).ActualValue);
        h.Receive(h.Peer.Headers(5, FrameFactory.Response(), endStream: true));
        Assert.Throws<StreamClosedException>(() => h.Connection.SendHeaders(5, FrameFactory.Request()));
        Assert.Equal(7, h.Connection.GetNextAvailableStreamId());
    }

    [Fact]
    public void Sending_on_a_stream_closed_long_ago_is_stream_closed_not_id_too_low()
    {
        var h = ConnectionHarness.Client(new H2Configuration { MaxClosedStreams = 2 });
        for (int i = 0; i < 5; i++)
        {
            int id = h.SendRequest();
            h.Receive(h.Peer.Headers(id, FrameFactory.Response(), endStream: true));
        }

        Assert.Throws<StreamClosedException>(() => h.Connection.SendData(1, "x"u8));
        Assert.Throws<StreamClosedException>(() => h.Connection.SendHeaders(1, FrameFactory.Request()));
    }

    [Fact]
    public void Too_many_streams_locally_throws_and_peer_limit_is_respected()
    {
        var h = ConnectionHarness.Client(null, (SettingCode.MaxConcurrentStreams, 1));
        h.SendRequest();
        var ex = Assert.Throws<TooManyStreamsException>(() => h.Connection.SendHeaders(3, FrameFactory.Request()));
        Assert.Contains("1 concurrent", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Drain());
        h.Receive(h.Peer.Headers(1, FrameFactory.Response(), endStream: true));
        h.Connection.SendHeaders(3, FrameFactory.Request(), endStream: true);
    }

    [Fact]
    public void Peer_exceeding_max_concurrent_streams_gets_refused_stream()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxConcurrentStreams = 1 });
        h.ReceiveRequest(1);
        var events = h.ReceiveRequest(3);
        Assert.Equal(new StreamReset { StreamId = 3, ErrorCode = ErrorCode.RefusedStream, RemoteReset = false }, Assert.Single(events));
        Assert.Equal("RST_STREAM 3 RefusedStream", Assert.Single(h.Drain()).ToString());
        Assert.Equal(1, h.Connection.OpenInboundStreams);
        // Late DATA on the refused stream is ignored (we reset it), the connection window refilled.
        Assert.Empty(h.Receive(FrameFactory.Data(3, 10)));
    }

    [Fact]
    public void No_available_stream_id_after_the_last_one()
    {
        var h = ConnectionHarness.Client();
        h.Connection.SendHeaders(int.MaxValue, FrameFactory.Request(), endStream: true);
        Assert.Throws<NoAvailableStreamIdException>(() => h.Connection.GetNextAvailableStreamId());
    }

    [Fact]
    public void Stream_opened_with_lower_id_than_previous_is_a_connection_error()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(5);
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, h.Peer.Headers(3, FrameFactory.Request()));
    }

    [Fact]
    public void Server_sending_headers_on_new_stream_is_a_connection_error()
    {
        var h = ConnectionHarness.Client();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, h.Peer.Headers(2, FrameFactory.Response()));
    }
}
