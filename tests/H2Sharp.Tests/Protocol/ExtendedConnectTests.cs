using System;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Protocol;

/// <summary>Extended CONNECT (RFC 8441): SETTINGS_ENABLE_CONNECT_PROTOCOL and :protocol.</summary>
public class ExtendedConnectTests
{
    private static HeaderField[] WebSocket() => FrameFactory.Fields(
        (":method", "CONNECT"), (":protocol", "websocket"), (":scheme", "https"), (":path", "/chat"), (":authority", "example.com"),
        ("sec-websocket-version", "13"));

    [Fact]
    public void Server_advertises_ENABLE_CONNECT_PROTOCOL_when_configured()
    {
        var on = new H2Connection(new H2Configuration { ClientSide = false, EnableConnectProtocol = true });
        on.InitiateConnection();
        Assert.Contains((SettingCode.EnableConnectProtocol, 1u), Assert.Single(new SentFrames().Drain(on)).Settings);
        var off = new H2Connection(new H2Configuration { ClientSide = false });
        off.InitiateConnection();
        Assert.Contains((SettingCode.EnableConnectProtocol, 0u), Assert.Single(new SentFrames().Drain(off)).Settings);
    }

    [Fact]
    public void Client_may_send_protocol_only_after_the_server_enabled_it()
    {
        var h = ConnectionHarness.Client();
        var ex = Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, WebSocket()));
        Assert.Contains("SETTINGS_ENABLE_CONNECT_PROTOCOL", ex.Message, StringComparison.Ordinal);
        Assert.Empty(h.Drain());
        Assert.Equal(1, h.Connection.GetNextAvailableStreamId());

        h.Receive(FrameFactory.Settings((SettingCode.EnableConnectProtocol, 1)));
        h.Drain();
        h.Connection.SendHeaders(1, WebSocket());
        var headers = Assert.Single(h.Drain());
        Assert.Contains(headers.Headers, f => f.NameString == ":protocol" && f.ValueString == "websocket");
    }

    [Fact]
    public void Server_that_enabled_it_accepts_an_extended_CONNECT_and_tunnels_data_both_ways()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, EnableConnectProtocol = true });
        var request = Assert.IsType<RequestReceived>(Assert.Single(h.Receive(h.Peer.Headers(1, WebSocket()))));
        Assert.Contains(request.Headers, f => f.NameString == ":protocol");
        h.Connection.SendHeaders(1, FrameFactory.Response("200"));
        h.Connection.SendData(1, "frame"u8);
        Assert.IsType<DataReceived>(Assert.Single(h.Receive(FrameFactory.Data(1, 4))));
        Assert.Equal(["HEADERS 1", "DATA 1 len=5"], h.Drain().Select(f => f.ToString()));
    }

    [Fact]
    public void Server_that_did_not_enable_it_resets_a_request_with_protocol()
    {
        var h = ConnectionHarness.Server();
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(1, WebSocket()))));
        Assert.Equal((1, ErrorCode.ProtocolError), (reset.StreamId, reset.ErrorCode));
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Server_checks_its_own_setting_in_force_not_the_clients()
    {
        // The client advertising 1 has no effect on what the server accepts (RFC 8441 section 3).
        var h = ConnectionHarness.Server(null, (SettingCode.EnableConnectProtocol, 1u));
        Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(1, WebSocket()))));
    }

    [Fact]
    public void ENABLE_CONNECT_PROTOCOL_cannot_go_back_to_0()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, EnableConnectProtocol = true });
        Assert.Equal("SETTINGS_ENABLE_CONNECT_PROTOCOL cannot go back to 0 once 1 was sent (RFC 8441 section 3); leave it at 1.",
            Assert.Throws<InvalidOperationException>(() => h.Connection.UpdateSettings([new(SettingCode.EnableConnectProtocol, 0)])).Message);
        Assert.Empty(h.Drain());

        var client = ConnectionHarness.Client(null, (SettingCode.EnableConnectProtocol, 1u));
        client.ReceiveFails<InvalidSettingsValueException>(ErrorCode.ProtocolError, FrameFactory.Settings((SettingCode.EnableConnectProtocol, 0)));
    }

    [Fact]
    public void ENABLE_CONNECT_PROTOCOL_other_than_0_or_1_is_a_connection_error()
    {
        var h = ConnectionHarness.Client();
        h.ReceiveFails<InvalidSettingsValueException>(ErrorCode.ProtocolError, FrameFactory.Settings((SettingCode.EnableConnectProtocol, 2)));
    }
}
