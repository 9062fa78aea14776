using System.Text;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Coverage.CoverageHarness;

namespace H2Sharp.Tests.Coverage;

/// <summary>Every event H2Connection reports, in both roles where the role can receive it: exact events and exact answers.</summary>
public class EventCoverageTests
{
    public static TheoryData<bool> Roles => new() { true, false };

    [Theory]
    [MemberData(nameof(Roles))]
    public void PriorityUpdated_from_a_priority_frame(bool client)
    {
        var h = Make(client);
        var events = h.Receive(FrameFactory.Priority(7, 3, weight: 200, exclusive: true));
        Assert.Equal([new PriorityUpdated { StreamId = 7, Weight = 200, DependsOn = 3, Exclusive = true }], events);
        Assert.Empty(h.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Priority_frame_depending_on_itself_resets_that_stream(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Priority(id, id))));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.False(reset.RemoteReset);
        Assert.Equal($"RST_STREAM {id} ProtocolError", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void PriorityUpdated_from_headers_with_priority_server()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Request(), endStream: true, priority: new PriorityInfo(0, 32, false)));
        var priority = new PriorityUpdated { StreamId = 1, Weight = 32, DependsOn = 0, Exclusive = false };
        var request = Assert.IsType<RequestReceived>(events[0]);
        Assert.Equal(priority, request.PriorityUpdated);
        Assert.Equal(new StreamEnded { StreamId = 1 }, request.StreamEnded);
        Assert.Equal([new StreamEnded { StreamId = 1 }, priority], events.Skip(1));
    }

    [Fact]
    public void PriorityUpdated_from_headers_with_priority_client()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest();
        var events = h.Receive(h.Peer.Headers(id, FrameFactory.Response(), endStream: false, priority: new PriorityInfo(0, 1, true)));
        var priority = new PriorityUpdated { StreamId = id, Weight = 1, DependsOn = 0, Exclusive = true };
        Assert.Equal(priority, Assert.IsType<ResponseReceived>(events[0]).PriorityUpdated);
        Assert.Equal(priority, events[1]);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void AlternativeServiceAvailable_explicit_origin_client()
    {
        var h = ConnectionHarness.Client();
        var frame = Write(w => FrameWriter.WriteAltSvc(w, 0, "https://example.com"u8, "h2=\":8443\"; ma=60"u8));
        var alt = Assert.IsType<AlternativeServiceAvailable>(Assert.Single(h.Receive(frame)));
        Assert.Equal("https://example.com", Encoding.ASCII.GetString(alt.Origin.Span));
        Assert.Equal("h2=\":8443\"; ma=60", Encoding.ASCII.GetString(alt.FieldValue.Span));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void AlternativeServiceAvailable_stream_bound_takes_the_requests_authority_client()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest(endStream: false);
        var alt = Assert.IsType<AlternativeServiceAvailable>(Assert.Single(h.Receive(Write(w => FrameWriter.WriteAltSvc(w, id, default, "h3=\":443\""u8)))));
        Assert.Equal("example.com", Encoding.ASCII.GetString(alt.Origin.Span));
        Assert.Equal("h3=\":443\"", Encoding.ASCII.GetString(alt.FieldValue.Span));
    }

    [Fact]
    public void Alternative_service_without_origin_on_stream_0_is_ignored_client()
    {
        var h = ConnectionHarness.Client();
        Assert.Empty(h.Receive(Write(w => FrameWriter.WriteAltSvc(w, 0, default, "h2=\":1\""u8))));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Alternative_service_from_a_client_is_ignored_server()
    {
        var h = ConnectionHarness.Server();
        Assert.Empty(h.Receive(Write(w => FrameWriter.WriteAltSvc(w, 0, "https://example.com"u8, "h2=\":1\""u8))));
        Assert.Empty(h.Drain());
        Assert.IsType<RequestReceived>(h.ReceiveRequest(1)[0]); // the connection lives on
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void PingReceived_and_PingAckReceived(bool client)
    {
        var h = Make(client);
        var p = Assert.IsType<PingReceived>(Assert.Single(h.Receive(FrameFactory.Ping(0x0102030405060708))));
        Assert.Equal(0x0102030405060708UL, p.OpaqueData);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], p.PingData.ToArray());
        Assert.Equal("PING ACK 102030405060708", Assert.Single(h.Drain()).ToString());

        h.Connection.Ping("abcdefgh"u8);
        Assert.Equal("PING 6162636465666768", Assert.Single(h.Drain()).ToString());
        var ack = Assert.IsType<PingAckReceived>(Assert.Single(h.Receive(FrameFactory.Ping(0x6162636465666768, ack: true))));
        Assert.Equal(0x6162636465666768UL, ack.OpaqueData);
        Assert.Equal("abcdefgh"u8.ToArray(), ack.PingData.ToArray());
        Assert.Empty(h.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void RemoteSettingsChanged_is_acknowledged(bool client)
    {
        var h = Make(client);
        var changed = Assert.IsType<RemoteSettingsChanged>(Assert.Single(h.Receive(FrameFactory.Settings((SettingCode.MaxFrameSize, 20_000), (SettingCode.InitialWindowSize, 1_000)))));
        Assert.Equal(new ChangedSetting(SettingCode.MaxFrameSize, 16_384, 20_000), changed.ChangedSettings[SettingCode.MaxFrameSize]);
        Assert.Equal(new ChangedSetting(SettingCode.InitialWindowSize, 65_535, 1_000), changed.ChangedSettings[SettingCode.InitialWindowSize]);
        Assert.Equal("SETTINGS ACK", Assert.Single(h.Drain()).ToString());
        Assert.Equal(20_000, h.Connection.MaxOutboundFrameSize);
        Assert.Equal(1_000u, h.Connection.RemoteSettings.InitialWindowSize);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void UpdateSettings_then_SettingsAcknowledged(bool client)
    {
        var h = Make(client);
        h.Connection.UpdateSettings([new(SettingCode.MaxFrameSize, 32_768), new(SettingCode.HeaderTableSize, 8_192)]);
        Assert.Equal("SETTINGS MaxFrameSize=32768,HeaderTableSize=8192", Assert.Single(h.Drain()).ToString());
        Assert.Equal(16_384, h.Connection.MaxInboundFrameSize); // not before the ACK
        var acked = Assert.IsType<SettingsAcknowledged>(Assert.Single(h.Receive(FrameFactory.SettingsAck())));
        Assert.Equal(new ChangedSetting(SettingCode.MaxFrameSize, 16_384, 32_768), acked.ChangedSettings[SettingCode.MaxFrameSize]);
        Assert.Equal(new ChangedSetting(SettingCode.HeaderTableSize, 4_096, 8_192), acked.ChangedSettings[SettingCode.HeaderTableSize]);
        Assert.Equal(32_768, h.Connection.MaxInboundFrameSize);
        Assert.Equal(8_192u, h.Connection.LocalSettings.HeaderTableSize);
        Assert.Empty(h.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void WindowUpdated_for_connection_and_stream(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        var events = h.Receive(FrameFactory.WindowUpdate(0, 100), FrameFactory.WindowUpdate(id, 50));
        Assert.Equal([new WindowUpdated { StreamId = 0, Delta = 100 }, new WindowUpdated { StreamId = id, Delta = 50 }], events);
        Assert.Equal(65_585, h.Connection.LocalFlowControlWindow(id));
        Assert.Empty(h.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void ConnectionTerminated_on_goaway(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        var terminated = Assert.IsType<ConnectionTerminated>(Assert.Single(h.Receive(FrameFactory.GoAway(id, ErrorCode.EnhanceYourCalm, [1, 2]))));
        Assert.Equal(new ConnectionTerminated { ErrorCode = ErrorCode.EnhanceYourCalm, LastStreamId = id, AdditionalData = terminated.AdditionalData }, terminated);
        Assert.Equal([1, 2], terminated.AdditionalData?.ToArray());
        Assert.Empty(h.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void StreamReset_by_the_peer(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        Assert.Equal([new StreamReset { StreamId = id, ErrorCode = ErrorCode.Cancel, RemoteReset = true }], h.Receive(FrameFactory.RstStream(id, ErrorCode.Cancel)));
        Assert.Empty(h.Drain());
        Assert.Equal(0, client ? h.Connection.OpenOutboundStreams : h.Connection.OpenInboundStreams);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void DataReceived_and_StreamEnded(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        var events = h.Receive(FrameFactory.Data(id, [1, 2, 3], endStream: true, padLength: 4));
        var data = Assert.IsType<DataReceived>(events[0]);
        Assert.Equal([1, 2, 3], data.Data.ToArray());
        Assert.Equal(8, data.FlowControlledLength); // 3 data + 1 pad-length octet + 4 padding
        Assert.Equal(new StreamEnded { StreamId = id }, data.StreamEnded);
        Assert.Equal(new StreamEnded { StreamId = id }, events[1]);
        Assert.Equal(2, events.Count);
        Assert.Empty(h.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void TrailersReceived(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        var events = h.Receive(h.Peer.Headers(id, FrameFactory.Fields(("grpc-status", "0")), endStream: true));
        var trailers = Assert.IsType<TrailersReceived>(events[0]);
        Assert.Equal("grpc-status: 0", Assert.Single(trailers.Headers).ToString());
        Assert.Equal(new StreamEnded { StreamId = id }, trailers.StreamEnded);
        Assert.Equal(new StreamEnded { StreamId = id }, events[1]);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void UnknownFrameReceived(bool client)
    {
        var h = Make(client);
        var e = Assert.IsType<UnknownFrameReceived>(Assert.Single(h.Receive(FrameFactory.Unknown(0xbb, 3, [9, 8, 7]))));
        Assert.Equal(0xbb, e.FrameType);
        Assert.Equal(3, e.StreamId);
        Assert.Equal([9, 8, 7], e.Payload.ToArray());
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void InformationalResponseReceived_then_ResponseReceived_client()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest();
        var events = h.Receive(h.Peer.Headers(id, FrameFactory.Response("100")), h.Peer.Headers(id, FrameFactory.Response("204"), endStream: true));
        Assert.Equal(":status: 100", Assert.Single(Assert.IsType<InformationalResponseReceived>(events[0]).Headers).ToString());
        var response = Assert.IsType<ResponseReceived>(events[1]);
        Assert.Equal(":status: 204", Assert.Single(response.Headers).ToString());
        Assert.Equal(new StreamEnded { StreamId = id }, events[2]);
    }

    [Fact]
    public void PushedStreamReceived_client()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest(endStream: false);
        var pushed = Assert.IsType<PushedStreamReceived>(Assert.Single(h.Receive(h.Peer.PushPromise(id, 2, FrameFactory.Request("GET", "/style.css")))));
        Assert.Equal(id, pushed.ParentStreamId);
        Assert.Equal(2, pushed.PushedStreamId);
        Assert.Equal(":path: /style.css", pushed.Headers[3].ToString());
        Assert.Equal(2, h.Connection.HighestInboundStreamId);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void RequestReceived_server()
    {
        var h = ConnectionHarness.Server();
        var events = h.ReceiveRequest(1, endStream: false, ("accept", "*/*"));
        var request = Assert.IsType<RequestReceived>(Assert.Single(events));
        Assert.Equal(1, request.StreamId);
        Assert.Null(request.StreamEnded);
        Assert.Null(request.PriorityUpdated);
        Assert.Equal([":method: GET", ":scheme: https", ":authority: example.com", ":path: /", "accept: */*"], request.Headers.Select(f => f.ToString()));
        Assert.Equal(1, h.Connection.OpenInboundStreams);
        Assert.Equal(1, h.Connection.HighestInboundStreamId);
    }

    private static byte[] Write(Action<System.Buffers.ArrayBufferWriter<byte>> write)
    {
        var w = new System.Buffers.ArrayBufferWriter<byte>();
        write(w);
        return w.WrittenSpan.ToArray();
    }
}
