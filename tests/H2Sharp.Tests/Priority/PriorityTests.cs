using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Support.FrameFactory;

namespace H2Sharp.Tests.Priority;

/// <summary>RFC 7540 priority signals (PRIORITY, HEADERS) and RFC 9218 (PRIORITY_UPDATE, SETTINGS_NO_RFC7540_PRIORITIES).</summary>
public class PriorityTests
{
    [Fact]
    public void Client_Prioritize_sends_a_PRIORITY_frame_with_exact_fields()
    {
        var h = ConnectionHarness.Client();
        h.Connection.Prioritize(5, weight: 256, dependsOn: 3, exclusive: true);
        h.Connection.Prioritize(7);
        var frames = h.Drain();
        Assert.Equal([FrameType.Priority, FrameType.Priority], frames.Select(f => f.Type));
        Assert.Equal(5, frames[0].StreamId);
        Assert.Equal([0x80, 0, 0, 3, 255], frames[0].Payload);
        Assert.Equal([0, 0, 0, 0, 15], frames[1].Payload); // defaults: no parent, weight 16
    }

    [Fact]
    public void Prioritize_creates_no_stream_state_before_or_after_a_stream_lives()
    {
        var h = ConnectionHarness.Client();
        h.Connection.Prioritize(9);
        Assert.Equal(1, h.Connection.GetNextAvailableStreamId());
        Assert.Equal(0, h.Connection.OpenOutboundStreams);
        int id = h.SendRequest();
        h.Receive(h.Peer.Headers(id, FrameFactory.Response("200"), endStream: true));
        h.Connection.Prioritize(id, weight: 1); // after it closed
        Assert.Equal(FrameType.Priority, Assert.Single(h.Drain()).Type);
    }

    [Fact]
    public void Server_Prioritize_is_an_EndpointRoleException()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        Assert.Throws<EndpointRoleException>(() => h.Connection.Prioritize(1));
        Assert.Throws<EndpointRoleException>(() => h.Connection.SendHeaders(1, FrameFactory.Response("200"), priorityWeight: 10));
        Assert.Empty(h.Drain());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void Prioritize_weight_out_of_range_is_refused(int weight)
    {
        var h = ConnectionHarness.Client();
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.Prioritize(1, weight));
    }

    [Fact]
    public void A_stream_cannot_depend_on_itself_outbound()
    {
        var h = ConnectionHarness.Client();
        var ex = Assert.Throws<ArgumentException>(() => h.Connection.Prioritize(3, dependsOn: 3));
        Assert.Equal("dependsOn", ex.ParamName);
        Assert.StartsWith("Stream 3 cannot depend on itself (RFC 7540 section 5.3.1)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("priorityDependsOn", Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, FrameFactory.Request(), priorityDependsOn: 1)).ParamName);
        Assert.Empty(h.Drain());
        Assert.Equal(1, h.Connection.GetNextAvailableStreamId());
    }

    [Fact]
    public void Priority_on_SendHeaders_sets_the_PRIORITY_flag_and_reaches_the_server_as_PriorityUpdated()
    {
        var client = ConnectionHarness.Client();
        client.Connection.SendHeaders(1, FrameFactory.Request(), endStream: true, priorityWeight: 32, priorityDependsOn: 0, priorityExclusive: true);
        var bytes = client.Connection.DataToSend();
        var frame = Assert.Single(new SentFrames().Parse(bytes));
        Assert.Equal(FrameFlags.EndStream | FrameFlags.EndHeaders | FrameFlags.Priority, frame.Flags);
        Assert.Equal([0x80, 0, 0, 0, 31], frame.Payload[..5]);

        var server = ConnectionHarness.Server();
        var events = server.Receive(server.Peer.Headers(1, FrameFactory.Request(), true, new PriorityInfo(0, 32, true)));
        var request = Assert.IsType<RequestReceived>(events[0]);
        Assert.Equal(new PriorityUpdated { StreamId = 1, Weight = 32, DependsOn = 0, Exclusive = true }, request.PriorityUpdated);
        Assert.Equal([typeof(RequestReceived), typeof(StreamEnded), typeof(PriorityUpdated)], events.Select(e => e.GetType()));
    }

    [Fact]
    public void PRIORITY_frames_never_create_stream_state()
    {
        var h = ConnectionHarness.Server();
        var e = Assert.IsType<PriorityUpdated>(Assert.Single(h.Receive(FrameFactory.Priority(7, 0, 100))));
        Assert.Equal((7, 100, 0, false), (e.StreamId, e.Weight, e.DependsOn, e.Exclusive));
        Assert.Equal(0, h.Connection.OpenInboundStreams);
        Assert.Equal(0, h.Connection.HighestInboundStreamId);
        // Stream 3 can still be opened: PRIORITY on 7 did not use up ids below it.
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]);
    }

    [Fact]
    public void A_stream_depending_on_itself_in_PRIORITY_is_a_stream_error()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Priority(1, 1))));
        Assert.Equal((1, ErrorCode.ProtocolError, false), (reset.StreamId, reset.ErrorCode, reset.RemoteReset));
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
        // On an idle stream: RST_STREAM PROTOCOL_ERROR all the same (RFC 7540 5.3.1, what
        // conformance tools expect, though RFC 9113 6.4 forbids RST_STREAM on idle streams), and
        // no state is created: stream 9 can still be opened afterwards.
        Assert.Empty(h.Receive(FrameFactory.Priority(9, 9)));
        Assert.Equal("RST_STREAM 9 ProtocolError", Assert.Single(h.Drain()).ToString());
        Assert.IsType<RequestReceived>(h.ReceiveRequest(9)[0]);
    }

    [Fact]
    public void A_stream_depending_on_itself_in_HEADERS_is_a_stream_error()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Request(), true, new PriorityInfo(1, 16, false)));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.Equal((1, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
    }

    [Fact]
    public void PRIORITY_is_allowed_on_closed_streams_and_ignored_sending_non_PRIORITY_frames_there_raises_StreamClosed()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest();
        h.Receive(h.Peer.Headers(id, FrameFactory.Response("200"), endStream: true));
        h.Connection.Prioritize(id);
        Assert.Throws<StreamClosedException>(() => h.Connection.SendData(id, "x"u8));
        Assert.Throws<StreamClosedException>(() => h.Connection.ResetStream(id));
        Assert.IsType<PriorityUpdated>(Assert.Single(h.Receive(FrameFactory.Priority(id, 0))));
    }

    // ---- RFC 9218 ----

    [Fact]
    public void NoRfc7540Priorities_is_sent_in_the_first_SETTINGS_frame_only_when_configured()
    {
        var on = new H2Connection(new H2Configuration { ClientSide = false, NoRfc7540Priorities = true });
        on.InitiateConnection();
        Assert.Contains((SettingCode.NoRfc7540Priorities, 1u), Assert.Single(new SentFrames().Drain(on)).Settings);
        var off = new H2Connection(new H2Configuration { ClientSide = false });
        off.InitiateConnection();
        Assert.DoesNotContain(Assert.Single(new SentFrames().Drain(off)).Settings, s => s.Item1 == SettingCode.NoRfc7540Priorities);
    }

    [Fact]
    public void Server_that_sent_NoRfc7540Priorities_ignores_RFC_7540_signals()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, NoRfc7540Priorities = true });
        Assert.Empty(h.Receive(FrameFactory.Priority(3, 0, 200)));
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Request(), true, new PriorityInfo(0, 32, false)));
        Assert.Equal([typeof(RequestReceived), typeof(StreamEnded)], events.Select(e => e.GetType()));
        Assert.Null(((RequestReceived)events[0]).PriorityUpdated);
        // The RFC 7540 scheme is off, its faults with it: self-dependency is ignored, in PRIORITY and in HEADERS.
        h.Drain();
        Assert.Empty(h.Receive(FrameFactory.Priority(1, 1)));
        Assert.Empty(h.Receive(FrameFactory.Priority(5, 5)));
        Assert.Equal([typeof(RequestReceived), typeof(StreamEnded)],
            h.Receive(h.Peer.Headers(3, FrameFactory.Request(), true, new PriorityInfo(3, 16, false))).Select(e => e.GetType()));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Self_dependency_is_ignored_once_the_peer_sent_NoRfc7540Priorities()
    {
        var h = ConnectionHarness.Server(null, (SettingCode.NoRfc7540Priorities, 1u));
        h.Drain();
        Assert.Empty(h.Receive(FrameFactory.Priority(3, 3)));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void A_stream_depending_on_itself_in_HEADERS_of_a_new_stream_is_reset_and_hpack_stays_in_step()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Request(), false, new PriorityInfo(1, 16, false)));
        var reset = Assert.IsType<StreamReset>(Assert.Single(events));
        Assert.Equal((1, ErrorCode.ProtocolError, false), (reset.StreamId, reset.ErrorCode, reset.RemoteReset));
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
        // The block was decoded: the next request, compressed against the same table, decodes.
        Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(3, FrameFactory.Request(), true))[0]);
        // DATA on the rejected stream is dropped (we reset it): its window comes back.
        Assert.Empty(h.Receive(FrameFactory.Data(1, 100)));
    }

    [Fact]
    public void Server_that_received_NoRfc7540Priorities_ignores_RFC_7540_signals()
    {
        var h = ConnectionHarness.Server(null, (SettingCode.NoRfc7540Priorities, 1u));
        Assert.Empty(h.Receive(FrameFactory.Priority(3, 0, 200)));
    }

    [Fact]
    public void NoRfc7540Priorities_cannot_change_after_the_first_SETTINGS_frame()
    {
        var h = ConnectionHarness.Client();
        var ex = Assert.Throws<InvalidOperationException>(() => h.Connection.UpdateSettings([new(SettingCode.NoRfc7540Priorities, 1)]));
        Assert.Equal("SETTINGS_NO_RFC7540_PRIORITIES cannot change after the first SETTINGS frame (RFC 9218 section 2.1); set H2Configuration.NoRfc7540Priorities instead.", ex.Message);
        h.Connection.UpdateSettings([new(SettingCode.NoRfc7540Priorities, 0)]); // no change
        h.Drain();
        h.ReceiveFails<InvalidSettingsValueException>(ErrorCode.ProtocolError, FrameFactory.Settings((SettingCode.NoRfc7540Priorities, 1)));
    }

    [Fact]
    public void NoRfc7540Priorities_value_other_than_0_or_1_is_a_connection_error()
    {
        var h = ConnectionHarness.Client();
        h.ReceiveFails<InvalidSettingsValueException>(ErrorCode.ProtocolError, FrameFactory.Settings((SettingCode.NoRfc7540Priorities, 2)));
    }

    [Fact]
    public void Client_sends_PRIORITY_UPDATE_and_the_server_reports_it_parsed()
    {
        var client = ConnectionHarness.Client();
        client.Connection.SendPriorityUpdate(1, "u=1, i");
        var frame = Assert.Single(client.Drain());
        Assert.Equal((FrameType.PriorityUpdate, 0), (frame.Type, frame.StreamId));
        Assert.Equal([0, 0, 0, 1, .. "u=1, i"u8.ToArray()], frame.Payload);

        var server = ExtensibleServer();
        var e = Assert.IsType<PriorityUpdateReceived>(Assert.Single(server.Receive(PriorityUpdate(1, "u=1, i"))));
        Assert.Equal((1, 1, true), (e.StreamId, e.Urgency, e.Incremental));
        Assert.Equal("u=1, i"u8.ToArray(), e.PriorityFieldValue.ToArray());
        Assert.Equal(0, server.Connection.OpenInboundStreams);
        Assert.Empty(server.Drain());
    }

    [Fact]
    public void Server_cannot_send_PRIORITY_UPDATE_and_a_client_receiving_one_is_a_connection_error()
    {
        var server = ConnectionHarness.Server();
        Assert.Throws<EndpointRoleException>(() => server.Connection.SendPriorityUpdate(1, "u=0"));
        var client = ConnectionHarness.Client(null, (SettingCode.NoRfc7540Priorities, 1));
        client.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, PriorityUpdate(1, "u=0"));
    }

    [Fact]
    public void PRIORITY_UPDATE_misuse_is_refused_before_anything_is_sent()
    {
        var h = ConnectionHarness.Client();
        Assert.Throws<ArgumentException>(() => h.Connection.SendPriorityUpdate(1, "u=1\r\n"));
        Assert.ThrowsAny<ArgumentException>(() => h.Connection.SendPriorityUpdate(0, "u=1"));
        Assert.Equal(2, Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.SendPriorityUpdate(2, "u=1")).ActualValue); // push stream not promised
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void PRIORITY_UPDATE_with_stream_id_other_than_0_or_prioritized_id_0_is_a_connection_error()
    {
        var h = ExtensibleServer();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, FrameFactory.Raw(FrameType.PriorityUpdate, FrameFlags.None, 1, [0, 0, 0, 1]));
        var h2 = ExtensibleServer();
        h2.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, PriorityUpdate(0, "u=1"));
    }

    [Fact]
    public void PRIORITY_UPDATE_for_an_idle_push_stream_is_a_connection_error()
    {
        var h = ExtensibleServer();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, PriorityUpdate(2, "u=1"));
    }

    [Fact]
    public void Server_keeps_idle_prioritized_streams_bounded_by_MAX_CONCURRENT_STREAMS()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxConcurrentStreams = 2, NoRfc7540Priorities = true });
        h.Receive(PriorityUpdate(1, "u=1"), PriorityUpdate(3, "u=2"), PriorityUpdate(3, "u=0"));
        h.ReceiveRequest(1, endStream: false); // 1 leaves idle: 1 active + 1 idle prioritized
        Assert.Single(h.Receive(PriorityUpdate(3, "u=5")));
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, PriorityUpdate(5, "u=1"));
    }

    [Fact]
    public void PRIORITY_UPDATE_for_a_closed_stream_is_discarded()
    {
        var h = ExtensibleServer();
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response("200"), endStream: true);
        h.Drain();
        Assert.Empty(h.Receive(PriorityUpdate(1, "u=0")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Frame_type_0x10_is_an_unknown_frame_until_RFC_9218_is_in_use(bool client)
    {
        // Neither side sent SETTINGS_NO_RFC7540_PRIORITIES = 1: 0x10 is not PRIORITY_UPDATE, so
        // neither its stream id (1 here, a connection error for PRIORITY_UPDATE) nor the role
        // (a client must refuse PRIORITY_UPDATE) matter; it is reported as h2 reports it.
        var h = client ? ConnectionHarness.Client() : ConnectionHarness.Server();
        byte[] payload = [0, 0, 0, 1, .. "u=0"u8.ToArray()];
        var e = Assert.IsType<UnknownFrameReceived>(Assert.Single(h.Receive(FrameFactory.Raw(FrameType.PriorityUpdate, FrameFlags.None, 1, payload))));
        Assert.Equal((0x10, 1), (e.FrameType, e.StreamId));
        Assert.Equal(payload, e.Payload.ToArray());
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void A_server_that_sent_no_rfc7540_priorities_takes_0x10_as_PRIORITY_UPDATE()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, NoRfc7540Priorities = true });
        var e = Assert.IsType<PriorityUpdateReceived>(Assert.Single(h.Receive(PriorityUpdate(1, "u=2"))));
        Assert.Equal((1, 2, false), (e.StreamId, e.Urgency, e.Incremental));
    }

    /// <summary>A server whose client sent SETTINGS_NO_RFC7540_PRIORITIES = 1: RFC 9218 is in use.</summary>
    private static ConnectionHarness ExtensibleServer() => ConnectionHarness.Server(null, (SettingCode.NoRfc7540Priorities, 1));

    [Theory]
    [InlineData("", 3, false)]
    [InlineData("u=0", 0, false)]
    [InlineData("u=7, i", 7, true)]
    [InlineData("i=?1, u=2", 2, true)]
    [InlineData("i=?0", 3, false)]
    [InlineData("u=8", 3, false)]          // out of range: ignored
    [InlineData("u=1.5, i", 3, true)]       // wrong type: ignored
    [InlineData("u=\"1\"", 3, false)]       // wrong type: ignored
    [InlineData("x=5;a=b, u=4;z", 4, false)] // unknown parameters and params ignored
    [InlineData("u=1, u=6", 6, false)]      // the last member wins
    [InlineData("U=1", 3, false)]           // not a key: the dictionary fails
    [InlineData("u=1,", 3, false)]          // trailing comma fails
    [InlineData("u=2, x=(a \"b,c\"), i", 2, true)]
    public void PriorityParameters_parse_urgency_and_incremental(string value, int urgency, bool incremental) =>
        Assert.Equal(new PriorityParameters(urgency, incremental), PriorityParameters.Parse(System.Text.Encoding.ASCII.GetBytes(value)));
}
