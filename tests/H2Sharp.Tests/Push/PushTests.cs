using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Support.FrameFactory;

namespace H2Sharp.Tests.Push;

/// <summary>Server push (RFC 9113 sections 6.6 and 8.4) in both roles.</summary>
public class PushTests
{
    private static readonly HeaderField[] Css = FrameFactory.Request("GET", "/style.css");

    private static (ConnectionHarness H, SentFrames Sent) ServerWithRequest(bool endStream = true, params (SettingCode, uint)[] clientSettings)
    {
        var h = ConnectionHarness.Server(null, clientSettings);
        h.ReceiveRequest(1, endStream);
        return (h, new SentFrames());
    }

    [Fact]
    public void Server_push_sends_PUSH_PROMISE_on_the_parent_and_the_response_on_the_promised_stream()
    {
        var (h, sent) = ServerWithRequest();
        int promised = h.Connection.GetNextAvailableStreamId();
        Assert.Equal(2, promised);
        h.Connection.PushStream(1, promised, Css);
        h.Connection.SendHeaders(2, FrameFactory.Response("200"));
        h.Connection.SendData(2, "body"u8, endStream: true);
        var frames = sent.Drain(h.Connection);

        Assert.Equal([FrameType.PushPromise, FrameType.Headers, FrameType.Data], frames.Select(f => f.Type));
        Assert.Equal(1, frames[0].StreamId);
        Assert.Equal(FrameFlags.EndHeaders, frames[0].Flags);
        Assert.Equal(2, frames[0].PromisedStreamId);
        Assert.Equal(Text(Css), Text(frames[0].Headers));
        Assert.Equal(2, frames[1].StreamId);
        Assert.Equal(2, frames[2].StreamId);
        Assert.True(frames[2].EndStream);
        Assert.Equal(4, h.Connection.GetNextAvailableStreamId());
        Assert.Equal(0, h.Connection.OpenOutboundStreams); // the pushed stream closed
    }

    [Fact]
    public void Reserved_local_stream_does_not_count_as_open_until_its_response_headers()
    {
        var (h, sent) = ServerWithRequest();
        h.Connection.PushStream(1, 2, Css);
        Assert.Equal(0, h.Connection.OpenOutboundStreams);
        h.Connection.SendHeaders(2, FrameFactory.Response("200"));
        Assert.Equal(1, h.Connection.OpenOutboundStreams);
        sent.Drain(h.Connection);
    }

    [Fact]
    public void Server_cannot_send_data_on_a_reserved_stream_before_its_headers()
    {
        var (h, _) = ServerWithRequest();
        h.Connection.PushStream(1, 2, Css);
        var ex = Assert.Throws<InvalidOperationException>(() => h.Connection.SendData(2, "x"u8));
        Assert.Equal("Cannot send SendData on stream 2 in state ReservedLocal.", ex.Message);
    }

    [Fact]
    public void Push_on_a_half_closed_remote_parent_is_allowed_but_not_after_the_response_ended()
    {
        var (h, sent) = ServerWithRequest(endStream: true);
        h.Connection.PushStream(1, 2, Css); // half-closed (remote): allowed
        h.Connection.SendHeaders(1, FrameFactory.Response("200"), endStream: true);
        Assert.Throws<StreamClosedException>(() => h.Connection.PushStream(1, 4, Css));
        sent.Drain(h.Connection);
    }

    [Fact]
    public void Reject_push_on_a_pushed_stream_streams_can_only_be_pushed_on_client_initiated_streams()
    {
        var (h, _) = ServerWithRequest();
        h.Connection.PushStream(1, 2, Css);
        h.Connection.SendHeaders(2, FrameFactory.Response("200"));
        var ex = Assert.Throws<ArgumentException>(() => h.Connection.PushStream(2, 4, Css));
        Assert.Equal("streamId", ex.ParamName);
        Assert.Contains("pushed stream", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_is_refused_with_a_clear_exception_when_the_client_disabled_it()
    {
        var (h, _) = ServerWithRequest(true, (SettingCode.EnablePush, 0u));
        var ex = Assert.Throws<InvalidOperationException>(() => h.Connection.PushStream(1, 2, Css));
        Assert.Contains("SETTINGS_ENABLE_PUSH = 0", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Connection.DataToSend());
        Assert.Equal(2, h.Connection.GetNextAvailableStreamId()); // nothing was reserved
    }

    [Fact]
    public void Client_cannot_push()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest(endStream: false);
        Assert.Equal("Clients cannot push streams (RFC 9113 section 8.4.1); only a server sends PUSH_PROMISE.",
            Assert.Throws<EndpointRoleException>(() => h.Connection.PushStream(1, 2, Css)).Message);
    }

    [Theory]
    [InlineData(3)] // odd: a client's id
    [InlineData(0)]
    public void Promised_stream_id_must_be_a_new_even_id(int promised)
    {
        var (h, _) = ServerWithRequest();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.PushStream(1, promised, Css));
        Assert.Equal(("promisedStreamId", (object)promised), (ex.ParamName, ex.ActualValue));
    }

    [Fact]
    public void Promised_stream_id_lower_than_one_used_is_too_low()
    {
        var (h, _) = ServerWithRequest();
        h.Connection.PushStream(1, 4, Css);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.PushStream(1, 2, Css));
        Assert.StartsWith("Stream id 2 is lower than 4, already used; stream ids must increase", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void Promised_request_must_be_safe_and_cacheable_outbound(string method)
    {
        var (h, _) = ServerWithRequest();
        var ex = Assert.Throws<ArgumentException>(() => h.Connection.PushStream(1, 2, FrameFactory.Request(method)));
        Assert.Equal("requestHeaders", ex.ParamName);
        Assert.Contains("safe and cacheable", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Connection.DataToSend());
    }

    [Fact]
    public void Promised_request_cannot_carry_content_outbound()
    {
        var (h, _) = ServerWithRequest();
        Assert.Equal("requestHeaders", Assert.Throws<ArgumentException>(() => h.Connection.PushStream(1, 2, FrameFactory.Request("GET", "/", ("content-length", "5")))).ParamName);
        h.Connection.PushStream(1, 2, FrameFactory.Request("HEAD", "/", ("content-length", "0")));
    }

    [Fact]
    public void Pushing_after_the_client_sent_GOAWAY_is_refused()
    {
        var (h, _) = ServerWithRequest();
        h.Receive(FrameFactory.GoAway(1));
        Assert.StartsWith("The peer sent GOAWAY: no new streams", Assert.Throws<InvalidOperationException>(() => h.Connection.PushStream(1, 2, Css)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_push_promise_is_split_into_CONTINUATION_frames()
    {
        var (h, sent) = ServerWithRequest();
        var big = FrameFactory.Request("GET", "/", ("x-big", new string('~', 20_000)));
        h.Connection.PushStream(1, 2, big);
        var frames = sent.Drain(h.Connection);
        Assert.Equal([FrameType.PushPromise, FrameType.Continuation], frames.Select(f => f.Type));
        Assert.Equal(16_384, frames[0].Payload.Length);
        Assert.Equal(FrameFlags.None, frames[0].Flags);
        Assert.Equal(FrameFlags.EndHeaders, frames[1].Flags);
        Assert.Equal(1, frames[1].StreamId);
        Assert.Equal(Text(big), Text(frames[0].Headers));
    }

    // ---- client side ----

    [Fact]
    public void Client_reports_a_push_and_receives_the_pushed_response()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var events = h.Receive(h.Peer.PushPromise(1, 2, Css));
        var push = Assert.IsType<PushedStreamReceived>(Assert.Single(events));
        Assert.Equal(1, push.ParentStreamId);
        Assert.Equal(2, push.PushedStreamId);
        Assert.Equal(Text(Css), Text(push.Headers));
        Assert.Equal(0, h.Connection.OpenInboundStreams); // reserved (remote) is not active

        events = h.Receive(h.Peer.Headers(2, FrameFactory.Response("200")), FrameFactory.Data(2, 3, endStream: true));
        Assert.Equal([typeof(ResponseReceived), typeof(DataReceived), typeof(StreamEnded)], events.Select(e => e.GetType()));
        Assert.Equal(2, ((ResponseReceived)events[0]).StreamId);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Client_may_reset_a_reserved_stream_to_refuse_the_push()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.PushPromise(1, 2, Css));
        h.Connection.ResetStream(2, ErrorCode.Cancel);
        var rst = Assert.Single(h.Drain());
        Assert.Equal("RST_STREAM 2 Cancel", rst.ToString());
        // Frames the server sent before seeing our RST_STREAM are discarded.
        Assert.Empty(h.Receive(h.Peer.Headers(2, FrameFactory.Response("200")), FrameFactory.Data(2, 3, endStream: true)));
    }

    [Fact]
    public void Correctly_allow_CONTINUATION_frames_to_extend_the_header_block_started_by_a_PUSH_PROMISE_frame()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var events = h.Receive(h.Peer.SplitPushPromise(1, 2, Css, firstLength: 3));
        var push = Assert.IsType<PushedStreamReceived>(Assert.Single(events));
        Assert.Equal(Text(Css), Text(push.Headers));
    }

    [Fact]
    public void Correctly_reject_pushed_request_header_blocks_whenever_they_have_malformed_request_header_blocks()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest(endStream: false);
        var malformed = FrameFactory.Fields((":method", "GET"), (":scheme", "https"), (":authority", "example.com")); // no :path
        var events = h.Receive(h.Peer.PushPromise(1, 2, malformed));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.Equal((2, ErrorCode.ProtocolError, false), (reset.StreamId, reset.ErrorCode, reset.RemoteReset));
        Assert.Equal("RST_STREAM 2 ProtocolError", Assert.Single(h.Drain()).ToString());
        // The connection and the parent stream live on.
        Assert.IsType<ResponseReceived>(Assert.Single(h.Receive(h.Peer.Headers(1, FrameFactory.Response("200")))));
    }

    [Fact]
    public void Correctly_normalize_pushed_request_header_blocks_whenever_they_have_normalizable_header_fields()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var withCrumbs = FrameFactory.Request("GET", "/", ("cookie", "a=1"), ("cookie", "b=2"));
        var push = Assert.IsType<PushedStreamReceived>(Assert.Single(h.Receive(h.Peer.PushPromise(1, 2, withCrumbs))));
        Assert.Equal(("cookie", "a=1; b=2"), Text(push.Headers)[^1]);
        Assert.Single(push.Headers, f => f.Name.Span.SequenceEqual("cookie"u8));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("OPTIONS")]
    public void Client_resets_a_promised_stream_whose_request_is_not_safe_and_cacheable(string method)
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.PushPromise(1, 2, FrameFactory.Request(method)))));
        Assert.Equal((2, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
        Assert.Equal("RST_STREAM 2 ProtocolError", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Client_resets_a_promised_stream_whose_request_indicates_content()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.PushPromise(1, 2, FrameFactory.Request("GET", "/", ("content-length", "10"))))));
        Assert.Equal((2, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
    }

    [Fact]
    public void PUSH_PROMISE_received_when_we_disabled_push_is_a_connection_error()
    {
        var h = ConnectionHarness.Client(new H2Configuration { EnablePush = false });
        h.SendRequest();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, h.Peer.PushPromise(1, 2, Css));
    }

    [Fact]
    public void PUSH_PROMISE_received_by_a_server_is_a_connection_error()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, h.Peer.PushPromise(1, 2, Css));
    }

    [Fact]
    public void Receiving_a_PUSH_PROMISE_frame_on_a_stream_that_was_closed_is_a_protocol_error()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.Headers(1, FrameFactory.Response("200"), endStream: true));
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, h.Peer.PushPromise(1, 2, Css));
    }

    [Fact]
    public void PUSH_PROMISE_on_a_stream_we_reset_reserves_and_resets_the_promised_stream()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Connection.ResetStream(1, ErrorCode.Cancel);
        h.Drain();
        // RFC 9113 6.6: "an endpoint that has sent RST_STREAM on the associated stream MUST handle
        // PUSH_PROMISE frames that might have been created before the RST_STREAM frame is received".
        Assert.Empty(h.Receive(h.Peer.PushPromise(1, 2, Css)));
        Assert.Equal("RST_STREAM 2 Cancel", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void PUSH_PROMISE_on_a_pushed_stream_is_a_connection_error()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.PushPromise(1, 2, Css), h.Peer.Headers(2, FrameFactory.Response("200")));
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, h.Peer.PushPromise(2, 4, Css));
    }

    [Theory]
    [InlineData(3)] // a client's id
    [InlineData(0)]
    public void PUSH_PROMISE_promising_an_illegal_stream_id_is_a_connection_error(int promised)
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, FrameFactory.Concat(
            FrameFactory.Raw(FrameType.PushPromise, FrameFlags.EndHeaders, 1, [0, 0, 0, (byte)promised, .. h.Peer.Block(Css)])));
    }

    [Fact]
    public void Receiving_PUSH_PROMISE_in_half_closed_remote_causes_a_stream_reset_not_a_connection_reset()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest(endStream: false);
        h.Receive(h.Peer.Headers(1, FrameFactory.Response("200"), endStream: true)); // half-closed (remote)
        var events = h.Receive(h.Peer.PushPromise(1, 2, Css));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.Equal((1, ErrorCode.StreamClosed), (reset.StreamId, reset.ErrorCode));
        Assert.Equal(["RST_STREAM 2 Cancel", "RST_STREAM 1 StreamClosed"], h.Drain().Select(f => f.ToString()));
    }

    [Fact]
    public void DATA_on_a_reserved_remote_stream_is_a_connection_error()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Receive(h.Peer.PushPromise(1, 2, Css));
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, FrameFactory.Data(2, 1));
    }

    [Fact]
    public void Server_pushed_responses_respect_the_clients_MAX_CONCURRENT_STREAMS()
    {
        var (h, _) = ServerWithRequest(true, (SettingCode.MaxConcurrentStreams, 1u));
        h.Connection.PushStream(1, 2, Css);
        h.Connection.PushStream(1, 4, Css); // reserving does not count
        h.Connection.SendHeaders(2, FrameFactory.Response("200"));
        Assert.Throws<TooManyStreamsException>(() => h.Connection.SendHeaders(4, FrameFactory.Response("200")));
        h.Connection.SendData(2, ReadOnlySpan<byte>.Empty, endStream: true);
        h.Connection.SendHeaders(4, FrameFactory.Response("200"));
    }

    [Fact]
    public void Client_refuses_a_pushed_response_beyond_its_MAX_CONCURRENT_STREAMS()
    {
        var h = ConnectionHarness.Client(new H2Configuration { MaxConcurrentStreams = 1 });
        h.SendRequest();
        h.Receive(h.Peer.PushPromise(1, 2, Css), h.Peer.PushPromise(1, 4, Css));
        Assert.IsType<ResponseReceived>(Assert.Single(h.Receive(h.Peer.Headers(2, FrameFactory.Response("200")))));
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(4, FrameFactory.Response("200")))));
        Assert.Equal((4, ErrorCode.RefusedStream), (reset.StreamId, reset.ErrorCode));
        Assert.Equal("RST_STREAM 4 RefusedStream", Assert.Single(h.Drain()).ToString());
        // HPACK stayed in step: the next block decodes.
        Assert.IsType<DataReceived>(h.Receive(FrameFactory.Data(2, 1))[0]);
    }

    [Fact]
    public void Client_and_server_paired_complete_a_push()
    {
        var client = new H2Connection();
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        client.InitiateConnection();
        server.InitiateConnection();
        client.SendHeaders(1, FrameFactory.Request("GET", "/index.html"), endStream: true);
        server.ReceiveData(client.DataToSend());
        server.PushStream(1, 2, Css);
        server.SendHeaders(2, FrameFactory.Response("200"));
        server.SendData(2, "p{}"u8, endStream: true);
        server.SendHeaders(1, FrameFactory.Response("200"), endStream: true);
        var events = client.ReceiveData(server.DataToSend());
        Assert.Equal(
            [typeof(RemoteSettingsChanged), typeof(SettingsAcknowledged), typeof(PushedStreamReceived), typeof(ResponseReceived), typeof(DataReceived), typeof(StreamEnded), typeof(ResponseReceived), typeof(StreamEnded)],
            events.Select(e => e.GetType()));
        Assert.Equal("p{}"u8.ToArray(), ((DataReceived)events[4]).Data.ToArray());
    }
}
