using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Protocol;

/// <summary>Plaintext upgrade (h2c; RFC 7540 section 3.2) as h2's "Negotiating HTTP/2" describes it.</summary>
public class UpgradeTests
{
    private static byte[] FromBase64Url(string value)
    {
        string s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight((s.Length + 3) / 4 * 4, '='));
    }

    [Fact]
    public void The_HTTP2_Settings_value_is_the_SETTINGS_payload_only_not_the_whole_frame()
    {
        var client = new H2Connection(new H2Configuration { InitialWindowSize = 100_000 });
        string value = client.InitiateUpgradeConnection()!;
        Assert.DoesNotContain('=', value);
        Assert.DoesNotContain('+', value);
        Assert.DoesNotContain('/', value);
        var sent = new SentFrames().Drain(client);
        var settings = sent[0];
        Assert.Equal(FrameType.Settings, settings.Type);
        Assert.Equal(settings.Payload, FromBase64Url(value));
        Assert.Equal(0, FromBase64Url(value).Length % 6);
    }

    [Fact]
    public void Client_upgrade_queues_the_preface_and_makes_stream_1_half_closed_local()
    {
        var client = new H2Connection();
        client.InitiateUpgradeConnection();
        var bytes = client.DataToSend();
        Assert.True(bytes.AsSpan().StartsWith(FrameFactory.Preface));
        Assert.Equal(3, client.GetNextAvailableStreamId());
        Assert.Equal(1, client.OpenOutboundStreams);
        Assert.Throws<StreamClosedException>(() => client.SendData(1, "x"u8));
        Assert.Throws<StreamClosedException>(() => client.SendHeaders(1, FrameFactory.Fields(("x-trailer", "1")), endStream: true));
        // The response to the HTTP/1.1 request arrives on stream 1.
        var peer = new FrameFactory();
        var events = client.ReceiveData(FrameFactory.Concat(FrameFactory.Settings(), peer.Headers(1, FrameFactory.Response("200"), endStream: true)));
        Assert.Equal([typeof(RemoteSettingsChanged), typeof(ResponseReceived), typeof(StreamEnded)], events.Select(e => e.GetType()));
        Assert.Equal(0, client.OpenOutboundStreams);
    }

    [Fact]
    public void The_HTTP2_Settings_value_sent_by_a_client_is_applied_by_the_server()
    {
        var client = new H2Connection(new H2Configuration { InitialWindowSize = 100, MaxFrameSize = 20_000, MaxConcurrentStreams = 7 });
        string header = client.InitiateUpgradeConnection()!;
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        Assert.Null(server.InitiateUpgradeConnection(header));

        Assert.Equal(100u, server.RemoteSettings.InitialWindowSize);
        Assert.Equal(20_000u, server.RemoteSettings.MaxFrameSize);
        Assert.Equal(7u, server.RemoteSettings.MaxConcurrentStreams);
        Assert.Equal(20_000, server.MaxOutboundFrameSize);
        Assert.Equal(100, server.LocalFlowControlWindow(1)); // stream 1 uses the client's window
        // Only the server's SETTINGS is queued: no ACK for the header's settings, no event.
        var sent = new SentFrames().Drain(server);
        var settings = Assert.Single(sent);
        Assert.False(settings.Ack);
        Assert.Equal(FrameType.Settings, settings.Type);
    }

    [Fact]
    public void Server_upgrade_makes_stream_1_half_closed_remote_and_answers_it()
    {
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        server.InitiateUpgradeConnection("AAMAAABkAAQAAP__");
        Assert.Equal(1, server.OpenInboundStreams);
        Assert.Equal(1, server.HighestInboundStreamId);
        Assert.Equal(0xFFFFu, server.RemoteSettings.InitialWindowSize);
        Assert.Equal(100u, server.RemoteSettings.MaxConcurrentStreams);
        var sent = new SentFrames();
        sent.Drain(server);

        // The client's preface and SETTINGS come after the 101; a HEADERS on stream 1 is refused (half-closed remote).
        var peer = new FrameFactory();
        var events = server.ReceiveData(FrameFactory.Concat(FrameFactory.Preface, FrameFactory.Settings(), FrameFactory.SettingsAck()));
        Assert.Equal([typeof(RemoteSettingsChanged), typeof(SettingsAcknowledged)], events.Select(e => e.GetType()));
        sent.Drain(server);
        server.SendHeaders(1, FrameFactory.Response("200"));
        server.SendData(1, "hi"u8, endStream: true);
        Assert.Equal(["HEADERS 1", "DATA 1 len=2 END_STREAM"], sent.Drain(server).Select(f => f.ToString()));
        Assert.Equal(0, server.OpenInboundStreams);
        Assert.Equal(2, server.GetNextAvailableStreamId());
    }

    [Fact]
    public void Server_upgrade_accepts_padding_and_no_header_at_all()
    {
        var padded = new H2Connection(new H2Configuration { ClientSide = false });
        padded.InitiateUpgradeConnection("AAMAAABk"); // 6 octets: no padding needed
        Assert.Equal(100u, padded.RemoteSettings.MaxConcurrentStreams);
        var none = new H2Connection(new H2Configuration { ClientSide = false });
        Assert.Null(none.InitiateUpgradeConnection());
        Assert.Equal(1, none.OpenInboundStreams);
    }

    [Theory]
    [InlineData("AAMAAABk!")]      // not base64url
    [InlineData("AAMAAA+k")]       // '+' is base64, not base64url
    [InlineData("AAMAAA")]         // 4 octets: not a multiple of 6
    [InlineData("AAIAAAAC")]       // ENABLE_PUSH = 2
    public void Bad_HTTP2_Settings_is_refused_and_leaves_the_connection_unstarted(string header)
    {
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        Assert.ThrowsAny<ProtocolException>(() => server.InitiateUpgradeConnection(header));
        Assert.Empty(server.DataToSend());
        server.InitiateConnection(); // still usable
        Assert.NotEmpty(server.DataToSend());
    }

    [Fact]
    public void Upgrade_after_InitiateConnection_or_twice_is_refused()
    {
        var client = new H2Connection();
        client.InitiateConnection();
        Assert.Throws<InvalidOperationException>(() => client.InitiateUpgradeConnection());
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        server.InitiateUpgradeConnection();
        Assert.Throws<InvalidOperationException>(() => server.InitiateUpgradeConnection());
    }

    [Fact]
    public void Client_ignores_a_settings_header_as_h2_does()
    {
        var client = new H2Connection();
        Assert.NotNull(client.InitiateUpgradeConnection("garbage!"));
    }

    [Fact]
    public void Client_and_server_complete_an_upgraded_exchange()
    {
        var client = new H2Connection();
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        server.InitiateUpgradeConnection(client.InitiateUpgradeConnection());
        // After the 101 both sides send their preamble.
        var serverEvents = server.ReceiveData(client.DataToSend());
        Assert.IsType<RemoteSettingsChanged>(Assert.Single(serverEvents));
        server.SendHeaders(1, FrameFactory.Response("200"), endStream: true);
        var clientEvents = client.ReceiveData(server.DataToSend());
        Assert.Equal([typeof(RemoteSettingsChanged), typeof(SettingsAcknowledged), typeof(ResponseReceived), typeof(StreamEnded)], clientEvents.Select(e => e.GetType()));
        Assert.IsType<SettingsAcknowledged>(Assert.Single(server.ReceiveData(client.DataToSend())));
        // New streams continue after 1.
        client.SendHeaders(client.GetNextAvailableStreamId(), FrameFactory.Request(), endStream: true);
        var request = Assert.IsType<RequestReceived>(server.ReceiveData(client.DataToSend())[0]);
        Assert.Equal(3, request.StreamId);
    }
}
