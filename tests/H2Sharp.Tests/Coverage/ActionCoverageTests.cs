using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Coverage.CoverageHarness;

namespace H2Sharp.Tests.Coverage;

/// <summary>Every public action of H2Connection in both roles: the exact frames it queues.</summary>
public class ActionCoverageTests
{
    public static TheoryData<bool> Roles => new() { true, false };

    [Theory]
    [MemberData(nameof(Roles))]
    public void InitiateConnection_queues_preface_settings_and_window(bool client)
    {
        var c = new H2Connection(new H2Configuration { ClientSide = client, InitialConnectionWindowSize = 100_000 });
        Assert.Equal(0, c.OutboundDataLength);
        c.InitiateConnection();
        var bytes = c.DataToSend();
        Assert.Equal(client, bytes.AsSpan().StartsWith(FrameFactory.Preface));
        var frames = new SentFrames().Parse(bytes.AsSpan(client ? FrameFactory.Preface.Length : 0));
        Assert.Equal(FrameType.Settings, frames[0].Type);
        Assert.Equal("WINDOW_UPDATE 0 +34465", frames[1].ToString());
        Assert.Equal(2, frames.Count);
        Assert.Equal("The connection was already started (InitiateConnection or InitiateUpgradeConnection); call it once per connection.",
            Assert.Throws<InvalidOperationException>(() => c.InitiateConnection()).Message);
    }

    [Fact]
    public void GetNextAvailableStreamId_odd_for_clients_even_for_servers()
    {
        var client = ConnectionHarness.Client();
        Assert.Equal(1, client.Connection.GetNextAvailableStreamId());
        client.SendRequest();
        Assert.Equal(3, client.Connection.GetNextAvailableStreamId());
        var server = ConnectionHarness.Server();
        Assert.Equal(2, server.Connection.GetNextAvailableStreamId());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void SendHeaders_and_SendData_and_EndStream(bool client)
    {
        var h = Make(client);
        int id;
        if (client)
        {
            id = h.Connection.GetNextAvailableStreamId();
            h.Connection.SendHeaders(id, FrameFactory.Request("POST"));
            Assert.Equal(1, h.Connection.OpenOutboundStreams);
        }
        else
        {
            id = 1;
            h.ReceiveRequest(1, endStream: true);
            h.Connection.SendHeaders(1, FrameFactory.Response());
        }

        h.Connection.SendData(id, "hello"u8);
        h.Connection.EndStream(id);
        var frames = h.Drain();
        Assert.Equal([$"HEADERS {id}", $"DATA {id} len=5", $"DATA {id} len=0 END_STREAM"], frames.Select(f => f.ToString()));
        Assert.Equal(client ? ":method: POST" : ":status: 200", frames[0].Headers[0].ToString());
        Assert.Throws<StreamClosedException>(() => h.Connection.SendData(id, "x"u8));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void SendAvailableData_stops_at_the_window_and_resumes_after_WindowUpdated(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        h.Receive(FrameFactory.Settings((SettingCode.InitialWindowSize, 10)));
        h.Drain();
        Assert.Equal(10, h.Connection.SendAvailableData(id, new byte[25], endStream: true));
        Assert.Equal([$"DATA {id} len=10"], h.Drain().Select(f => f.ToString()));
        Assert.Equal(0, h.Connection.LocalFlowControlWindow(id));
        Assert.Equal([new WindowUpdated { StreamId = id, Delta = 100 }], h.Receive(FrameFactory.WindowUpdate(id, 100)));
        Assert.Equal(15, h.Connection.SendAvailableData(id, new byte[15], endStream: true));
        Assert.Equal([$"DATA {id} len=15 END_STREAM"], h.Drain().Select(f => f.ToString()));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void ResetStream_sends_rst_stream_and_closes(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        h.Connection.ResetStream(id, ErrorCode.Cancel);
        Assert.Equal([$"RST_STREAM {id} Cancel"], h.Drain().Select(f => f.ToString()));
        Assert.Throws<StreamClosedException>(() => h.Connection.ResetStream(id));
        Assert.Throws<NoSuchStreamException>(() => h.Connection.ResetStream(99));
        Assert.Equal(0, h.Connection.OpenInboundStreams + h.Connection.OpenOutboundStreams);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void CloseConnection_graceful_then_with_error(bool client)
    {
        var h = Make(client);
        OpenStream(h, client);
        h.Connection.CloseConnection();
        int last = client ? 0 : 1;
        Assert.Equal([$"GOAWAY last={last} NoError"], h.Drain().Select(f => f.ToString()));
        h.Connection.CloseConnection(ErrorCode.InternalError, additionalData: [7]);
        var goAway = Assert.Single(h.Drain());
        Assert.Equal($"GOAWAY last={last} InternalError", goAway.ToString());
        Assert.Equal(7, goAway.Payload[^1]);
        Assert.Empty(h.Receive(FrameFactory.Ping(1))); // closed: input ignored
        Assert.Throws<InvalidOperationException>(() => h.Connection.Ping(1UL));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Ping_with_a_number_and_bad_length_data(bool client)
    {
        var h = Make(client);
        h.Connection.Ping(0xdeadbeefUL);
        Assert.Equal(["PING deadbeef"], h.Drain().Select(f => f.ToString()));
        Assert.Throws<ArgumentException>(() => h.Connection.Ping(new byte[7]));
        Assert.Empty(h.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Manual_and_automatic_flow_control_and_window_queries(bool client)
    {
        var h = Make(client);
        int id = OpenStream(h, client);
        var events = h.Receive(FrameFactory.Data(id, 16_000), FrameFactory.Data(id, 16_000), FrameFactory.Data(id, 8_000));
        Assert.Equal([16_000, 16_000, 8_000], events.Cast<DataReceived>().Select(d => d.FlowControlledLength));
        Assert.Equal(65_535 - 40_000, h.Connection.RemoteFlowControlWindow(id));
        h.Connection.AcknowledgeReceivedData(16_000, id);
        Assert.Empty(h.Drain()); // coalesced: under half a window
        h.Connection.AcknowledgeReceivedData(24_000, id); // past half a window: both reopen
        Assert.Equal(["WINDOW_UPDATE 0 +40000", $"WINDOW_UPDATE {id} +40000"], h.Drain().Select(f => f.ToString()));
        Assert.Equal(65_535, h.Connection.RemoteFlowControlWindow(id));

        h.Connection.IncrementFlowControlWindow(10);
        h.Connection.IncrementFlowControlWindow(20, id);
        Assert.Equal(["WINDOW_UPDATE 0 +10", $"WINDOW_UPDATE {id} +20"], h.Drain().Select(f => f.ToString()));
        Assert.Equal(65_545, h.Connection.RemoteFlowControlWindow(id));
        Assert.Equal(65_535, h.Connection.LocalFlowControlWindow(id));
        Assert.Throws<NoSuchStreamException>(() => h.Connection.AcknowledgeReceivedData(1, 101));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Outbound_buffer_drained_every_way(bool client)
    {
        var h = Make(client);
        h.Connection.Ping(1UL);
        h.Connection.Ping(2UL);
        Assert.Equal(34, h.Connection.OutboundDataLength);
        var pending = h.Connection.PendingOutboundData.ToArray();
        Assert.Equal(34, pending.Length);
        h.Connection.AdvanceOutbound(17);
        var span = new byte[10];
        Assert.Equal(10, h.Connection.DataToSend(span));
        Assert.Equal(3, h.Connection.DataToSend(3).Length);
        Assert.Equal(4, h.Connection.OutboundDataLength);
        Assert.Equal(pending[30..], h.Connection.PendingOutboundData.ToArray());
        h.Connection.ClearOutboundDataBuffer();
        Assert.Equal(0, h.Connection.OutboundDataLength);
        Assert.Empty(h.Connection.DataToSend());
    }

    [Fact]
    public void Prioritize_client_sends_priority_and_server_may_not()
    {
        var client = ConnectionHarness.Client();
        client.Connection.Prioritize(5, weight: 64, dependsOn: 3, exclusive: true);
        var frame = Assert.Single(client.Drain());
        Assert.Equal(FrameType.Priority, frame.Type);
        Assert.Equal(5, frame.StreamId);
        Assert.Equal(new PriorityInfo(3, 64, true), PriorityFrame.Parse(new FrameHeader(5, FrameType.Priority, FrameFlags.None, 5), frame.Payload).Priority);

        var server = ConnectionHarness.Server();
        Assert.Throws<EndpointRoleException>(() => server.Connection.Prioritize(1));
        Assert.Empty(server.Drain());
    }

    [Fact]
    public void AdvertiseAlternativeService_server_explicit_and_client_may_not()
    {
        var server = ConnectionHarness.Server();
        server.Connection.AdvertiseAlternativeService("h2=\":8443\"", origin: "https://example.com");
        var frame = Assert.Single(server.Drain());
        Assert.Equal(FrameType.AltSvc, frame.Type);
        var parsed = AltSvcFrame.Parse(new FrameHeader(frame.Payload.Length, FrameType.AltSvc, FrameFlags.None, 0), frame.Payload);
        Assert.Equal("https://example.com"u8.ToArray(), parsed.Origin.ToArray());
        Assert.Equal("h2=\":8443\""u8.ToArray(), parsed.FieldValue.ToArray());

        var client = ConnectionHarness.Client();
        Assert.Throws<EndpointRoleException>(() => client.Connection.AdvertiseAlternativeService("h2=\":1\"", origin: "https://example.com"));
        Assert.Empty(client.Drain());
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Properties_reflect_configuration_and_settings(bool client)
    {
        var config = new H2Configuration { ClientSide = client, MaxClosedStreams = 10 };
        var c = new H2Connection(config);
        Assert.Same(config, c.Config);
        Assert.Equal(10, c.MaxClosedStreams);
        Assert.Equal(16_384, c.MaxInboundFrameSize);
        Assert.Equal(16_384, c.MaxOutboundFrameSize);
        Assert.Equal(100u, c.LocalSettings.MaxConcurrentStreams);
        Assert.Equal(65_535u, c.RemoteSettings.InitialWindowSize);
        Assert.Equal(0, c.OpenInboundStreams);
        Assert.Equal(0, c.OpenOutboundStreams);
        Assert.Equal(0, c.HighestInboundStreamId);
    }
}
