using System;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Protocol;

/// <summary>
/// The order of header blocks (RFC 9113 section 8.1): a server sends any number of 1xx blocks,
/// one final block, then at most one trailer block that ends the stream; a client sends one
/// request block and at most one trailer block. Both directions.
/// </summary>
public class InformationalAndTrailersTests
{
    private static readonly HeaderField[] Trailers = FrameFactory.Fields(("grpc-status", "0"));

    [Fact]
    public void Server_sends_informational_blocks_then_the_final_one_then_trailers()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response("100"));
        h.Connection.SendHeaders(1, FrameFactory.Response("103", ("link", "</s.css>")));
        h.Connection.SendHeaders(1, FrameFactory.Response("200"));
        h.Connection.SendData(1, "ok"u8);
        h.Connection.SendHeaders(1, Trailers, endStream: true);
        Assert.Equal(["HEADERS 1", "HEADERS 1", "HEADERS 1", "DATA 1 len=2", "HEADERS 1 END_STREAM"], h.Drain().Select(f => f.ToString()));
        Assert.Throws<StreamClosedException>(() => h.Connection.SendHeaders(1, Trailers, endStream: true));
    }

    [Fact]
    public void Fixed_informational_responses_are_allowed_to_be_sent_in_the_HALF_CLOSED_REMOTE_state()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: true); // half-closed (remote)
        h.Connection.SendHeaders(1, FrameFactory.Response("100"));
        Assert.Equal("HEADERS 1", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Server_informational_response_cannot_end_the_stream_or_carry_data()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        Assert.Equal("endStream", Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, FrameFactory.Response("103"), endStream: true)).ParamName);
        h.Connection.SendHeaders(1, FrameFactory.Response("103"));
        Assert.Equal("Send the final response headers on stream 1 (SendHeaders) before its body.", Assert.Throws<InvalidOperationException>(() => h.Connection.SendData(1, "x"u8)).Message);
        h.Drain();
        h.Connection.SendHeaders(1, FrameFactory.Response("204"), endStream: true); // still usable
    }

    [Fact]
    public void Server_trailers_must_end_the_stream_and_carry_no_pseudo_headers()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response("200"));
        Assert.Equal("endStream", Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, Trailers, endStream: false)).ParamName);
        // Correctly refuse to send trailers that contain HTTP/2 pseudo-header fields.
        Assert.Equal("headers", Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, FrameFactory.Response("200"), endStream: true)).ParamName);
        h.Drain();
        h.Connection.SendHeaders(1, Trailers, endStream: true);
    }

    [Fact]
    public void Client_sends_one_request_block_then_at_most_one_trailer_block()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest(endStream: false, method: "POST");
        Assert.Equal("endStream", Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(id, Trailers, endStream: false)).ParamName);
        h.Connection.SendData(id, "body"u8);
        h.Connection.SendHeaders(id, Trailers, endStream: true);
        Assert.Equal(["DATA 1 len=4", "HEADERS 1 END_STREAM"], h.Drain().Select(f => f.ToString()));
        Assert.Throws<StreamClosedException>(() => h.Connection.SendHeaders(id, Trailers, endStream: true));
    }

    [Fact]
    public void Client_receives_informational_responses_then_the_response_then_trailers()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest(endStream: false, method: "POST");
        var events = h.Receive(
            h.Peer.Headers(1, FrameFactory.Response("100")),
            h.Peer.Headers(1, FrameFactory.Response("103")),
            h.Peer.Headers(1, FrameFactory.Response("200")),
            FrameFactory.Data(1, 2),
            h.Peer.Headers(1, Trailers, endStream: true));
        Assert.Equal(
            [typeof(InformationalResponseReceived), typeof(InformationalResponseReceived), typeof(ResponseReceived), typeof(DataReceived), typeof(TrailersReceived), typeof(StreamEnded)],
            events.Select(e => e.GetType()));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Fixed_informational_responses_are_allowed_to_be_received_in_the_HALF_CLOSED_LOCAL_state()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest(endStream: true); // half-closed (local)
        Assert.IsType<InformationalResponseReceived>(Assert.Single(h.Receive(h.Peer.Headers(1, FrameFactory.Response("100")))));
    }

    [Fact]
    public void Inbound_informational_block_with_END_STREAM_is_malformed()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(1, FrameFactory.Response("103"), endStream: true))));
        Assert.Equal((1, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Inbound_second_non_informational_block_without_END_STREAM_is_malformed()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.Headers(1, FrameFactory.Response("200")));
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(1, Trailers, endStream: false))));
        Assert.Equal((1, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
    }

    [Fact]
    public void Correctly_reject_trailers_that_contain_HTTP2_pseudo_header_fields()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(1, FrameFactory.Fields((":path", "/"), ("x", "1")), endStream: true))));
        Assert.Equal((1, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
    }

    [Fact]
    public void Server_receives_request_trailers()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Request("POST")), FrameFactory.Data(1, 3), h.Peer.Headers(1, Trailers, endStream: true));
        Assert.Equal([typeof(RequestReceived), typeof(DataReceived), typeof(TrailersReceived), typeof(StreamEnded)], events.Select(e => e.GetType()));
    }

    [Fact]
    public void Inbound_DATA_after_an_informational_block_but_before_the_final_one_is_a_stream_error()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.Headers(1, FrameFactory.Response("100")));
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Data(1, 1))));
        Assert.Equal((1, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
    }
}
