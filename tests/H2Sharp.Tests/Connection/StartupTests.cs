using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

public class StartupTests
{
    [Fact]
    public void Client_initiate_sends_preface_then_h2_default_settings()
    {
        var c = new H2Connection();
        c.InitiateConnection();
        var bytes = c.DataToSend();
        Assert.True(bytes.AsSpan().StartsWith(FrameFactory.Preface));
        var frames = new SentFrames().Parse(bytes.AsSpan(24));
        var settings = Assert.Single(frames);
        Assert.Equal("SETTINGS HeaderTableSize=4096,EnablePush=1,InitialWindowSize=65535,MaxFrameSize=16384,EnableConnectProtocol=0,MaxConcurrentStreams=100,MaxHeaderListSize=65536", settings.ToString());
    }

    [Fact]
    public void Server_initiate_sends_settings_without_preface_and_push_disabled()
    {
        var s = new H2Connection(new H2Configuration { ClientSide = false });
        s.InitiateConnection();
        var frames = new SentFrames().Parse(s.DataToSend());
        Assert.Equal("SETTINGS HeaderTableSize=4096,EnablePush=0,InitialWindowSize=65535,MaxFrameSize=16384,EnableConnectProtocol=0,MaxConcurrentStreams=100,MaxHeaderListSize=65536", Assert.Single(frames).ToString());
    }

    [Fact]
    public void Larger_connection_window_is_announced_with_window_update_after_settings()
    {
        var c = new H2Connection(new H2Configuration { InitialConnectionWindowSize = 1 << 20 });
        c.InitiateConnection();
        var frames = new SentFrames().Drain(c);
        Assert.Equal(["SETTINGS", "WINDOW_UPDATE 0 +983041"], frames.Select(f => f.Type == FrameType.Settings ? "SETTINGS" : f.ToString()));
    }

    [Fact]
    public void Server_answers_bad_preface_with_goaway_protocol_error()
    {
        var s = new H2Connection(new H2Configuration { ClientSide = false });
        s.InitiateConnection();
        s.DataToSend();
        var ex = Assert.Throws<ProtocolException>(() => s.ReceiveData("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8));
        Assert.Equal(ErrorCode.ProtocolError, ex.ErrorCode);
        var goAway = Assert.Single(new SentFrames().Drain(s));
        Assert.Equal("GOAWAY last=0 ProtocolError", goAway.ToString());
        Assert.Empty(s.ReceiveData(FrameFactory.Settings()));
    }

    [Fact]
    public void Server_accepts_preface_split_byte_by_byte()
    {
        var s = new H2Connection(new H2Configuration { ClientSide = false });
        s.InitiateConnection();
        var all = FrameFactory.Concat(FrameFactory.Preface, FrameFactory.Settings((SettingCode.MaxFrameSize, 20000)));
        var events = new List<H2Event>();
        foreach (var b in all)
        {
            events.AddRange(s.ReceiveData(new[] { b }));
        }

        var changed = Assert.IsType<RemoteSettingsChanged>(Assert.Single(events));
        Assert.Equal(new ChangedSetting(SettingCode.MaxFrameSize, 16384, 20000), changed.ChangedSettings[SettingCode.MaxFrameSize]);
        Assert.Equal(20000, s.MaxOutboundFrameSize);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void First_frame_other_than_settings_is_a_connection_error(bool client)
    {
        var conn = new H2Connection(new H2Configuration { ClientSide = client });
        conn.InitiateConnection();
        conn.DataToSend();
        byte[] input = client ? FrameFactory.Ping(1) : FrameFactory.Concat(FrameFactory.Preface, FrameFactory.Ping(1));
        var ex = Assert.Throws<ProtocolException>(() => conn.ReceiveData(input));
        Assert.Equal(ErrorCode.ProtocolError, ex.ErrorCode);
        Assert.Equal(FrameType.GoAway, Assert.Single(new SentFrames().Drain(conn)).Type);
    }

    [Fact]
    public void Server_that_receives_before_InitiateConnection_starts_itself_and_sends_settings_first()
    {
        // h2 lets a server read the preface before initiate_connection; RFC 9113 3.4 wants the
        // server's SETTINGS to be its first frame, so it is queued before the ACK.
        var s = new H2Connection(new H2Configuration { ClientSide = false });
        var events = s.ReceiveData(FrameFactory.Concat(FrameFactory.Preface, FrameFactory.Settings((SettingCode.MaxFrameSize, 20000))));
        Assert.IsType<RemoteSettingsChanged>(Assert.Single(events));
        s.InitiateConnection(); // the caller's own call, in h2's order: a no-op
        var sent = new SentFrames().Drain(s);
        Assert.Equal(["SETTINGS", "SETTINGS ACK"], sent.Select(f => f.Ack ? "SETTINGS ACK" : f.Type.ToString().ToUpperInvariant()));
        // Only that first call is forgiven.
        Assert.Throws<InvalidOperationException>(s.InitiateConnection);
        Assert.Throws<InvalidOperationException>(() => s.InitiateUpgradeConnection());
    }

    [Fact]
    public void Server_started_by_ReceiveData_works_without_ever_calling_InitiateConnection()
    {
        var h = new H2Connection(new H2Configuration { ClientSide = false });
        var peer = new FrameFactory();
        var events = h.ReceiveData(FrameFactory.Concat(FrameFactory.Preface, FrameFactory.Settings(), peer.Headers(1, FrameFactory.Request(), endStream: true)));
        Assert.Equal([typeof(RemoteSettingsChanged), typeof(RequestReceived), typeof(StreamEnded)], events.Select(e => e.GetType()));
        h.SendHeaders(1, FrameFactory.Response(), endStream: true);
        var sent = new SentFrames().Drain(h);
        Assert.Equal(FrameType.Settings, sent[0].Type);
        Assert.Equal(FrameType.Headers, sent[^1].Type);
    }

    [Fact]
    public void Client_ReceiveData_before_InitiateConnection_throws_and_sends_nothing()
    {
        var c = new H2Connection();
        var receive = Assert.Throws<InvalidOperationException>(() => c.ReceiveData(FrameFactory.Settings()));
        Assert.Equal("The connection is not started: a client calls InitiateConnection (or InitiateUpgradeConnection) before ReceiveData, since a client speaks first (RFC 9113 section 3.4).", receive.Message);
        Assert.Empty(c.DataToSend());
        var send = Assert.Throws<InvalidOperationException>(() => c.SendHeaders(1, FrameFactory.Request()));
        Assert.Equal("The connection is not started: call InitiateConnection (or InitiateUpgradeConnection) first.", send.Message);
    }
}
