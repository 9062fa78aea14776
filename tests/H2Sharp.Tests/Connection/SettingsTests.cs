using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

public class SettingsTests
{
    [Fact]
    public void Settings_object_applies_pending_batches_in_order_on_acknowledge()
    {
        var s = new H2Settings(client: true);
        s.Propose([new(SettingCode.InitialWindowSize, 100)]);
        s.Propose([new(SettingCode.InitialWindowSize, 200), new(SettingCode.MaxFrameSize, 20_000)]);
        Assert.Equal(65_535u, s.InitialWindowSize);
        Assert.Equal(2, s.PendingFrameCount);
        var first = s.Acknowledge();
        Assert.Equal(new ChangedSetting(SettingCode.InitialWindowSize, 65_535, 100), Assert.Single(first).Value);
        var second = s.Acknowledge();
        Assert.Equal(new ChangedSetting(SettingCode.InitialWindowSize, 100, 200), second[SettingCode.InitialWindowSize]);
        Assert.Equal(20_000u, s.MaxFrameSize);
        Assert.Empty(s.Acknowledge());
        Assert.Null(s.MaxConcurrentStreams);
        Assert.True(s.EnablePush);
        Assert.False(new H2Settings(client: false).EnablePush);
    }

    [Fact]
    public void Remote_settings_are_acknowledged_automatically_with_changed_settings()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(FrameFactory.Settings((SettingCode.MaxConcurrentStreams, 7), (SettingCode.HeaderTableSize, 0), ((SettingCode)0x99, 5)));
        var changed = Assert.IsType<RemoteSettingsChanged>(Assert.Single(events));
        Assert.Equal(new ChangedSetting(SettingCode.MaxConcurrentStreams, null, 7), changed.ChangedSettings[SettingCode.MaxConcurrentStreams]);
        Assert.Equal(new ChangedSetting(SettingCode.HeaderTableSize, 4096, 0), changed.ChangedSettings[SettingCode.HeaderTableSize]);
        Assert.Equal(5u, changed.ChangedSettings[(SettingCode)0x99].NewValue); // unknown: reported, no effect
        Assert.Equal("SETTINGS ACK", Assert.Single(h.Drain()).ToString());
        Assert.Equal(7u, h.Connection.RemoteSettings.MaxConcurrentStreams);
    }

    [Theory]
    [InlineData(SettingCode.EnablePush, 2u, ErrorCode.ProtocolError)]
    [InlineData(SettingCode.InitialWindowSize, 2_147_483_648u, ErrorCode.FlowControlError)]
    [InlineData(SettingCode.MaxFrameSize, 16_383u, ErrorCode.ProtocolError)]
    [InlineData(SettingCode.MaxFrameSize, 16_777_216u, ErrorCode.ProtocolError)]
    [InlineData(SettingCode.EnableConnectProtocol, 2u, ErrorCode.ProtocolError)]
    public void Invalid_remote_settings_are_connection_errors(SettingCode code, uint value, ErrorCode expected)
    {
        var h = ConnectionHarness.Server();
        h.ReceiveFails<InvalidSettingsValueException>(expected, FrameFactory.Settings((code, value)));
    }

    [Fact]
    public void Remote_peers_may_send_zero_max_header_list_size()
    {
        // h2 2.5.1 bugfix.
        var h = ConnectionHarness.Server();
        var changed = Assert.IsType<RemoteSettingsChanged>(Assert.Single(h.Receive(FrameFactory.Settings((SettingCode.MaxHeaderListSize, 0)))));
        Assert.Equal(0u, changed.ChangedSettings[SettingCode.MaxHeaderListSize].NewValue);
    }

    [Fact]
    public void Client_rejects_enable_push_one_from_server()
    {
        var h = ConnectionHarness.Client();
        h.ReceiveFails<InvalidSettingsValueException>(ErrorCode.ProtocolError, FrameFactory.Settings((SettingCode.EnablePush, 1)));
    }

    [Fact]
    public void Update_settings_is_pending_until_acknowledged_then_reported()
    {
        var h = ConnectionHarness.Client();
        h.Connection.UpdateSettings(new Dictionary<SettingCode, uint> { [SettingCode.MaxFrameSize] = 32_768 });
        Assert.Equal("SETTINGS MaxFrameSize=32768", Assert.Single(h.Drain()).ToString());
        Assert.Equal(16_384, h.Connection.MaxInboundFrameSize);
        var ack = Assert.IsType<SettingsAcknowledged>(Assert.Single(h.Receive(FrameFactory.SettingsAck())));
        Assert.Equal(new ChangedSetting(SettingCode.MaxFrameSize, 16_384, 32_768), ack.ChangedSettings[SettingCode.MaxFrameSize]);
        Assert.Equal(32_768, h.Connection.MaxInboundFrameSize);
    }

    [Fact]
    public void Correctly_update_the_maximum_frame_size_when_the_user_updates_it()
    {
        // h2 2.5.0 bugfix: frames up to the new size are accepted once acknowledged.
        var h = ConnectionHarness.Server();
        h.Connection.UpdateSettings([new(SettingCode.MaxFrameSize, 20_000)]);
        h.Receive(FrameFactory.SettingsAck());
        h.ReceiveRequest(1, endStream: false);
        Assert.IsType<DataReceived>(Assert.Single(h.Receive(FrameFactory.Data(1, 20_000))));
    }

    [Fact]
    public void User_changes_to_header_table_size_are_policed_after_acknowledgement()
    {
        // h2 3.0.1 bugfix: a shrunk HEADER_TABLE_SIZE reaches the decoder when acknowledged.
        var h = ConnectionHarness.Server();
        h.Connection.UpdateSettings([new(SettingCode.HeaderTableSize, 0)]);
        h.Receive(FrameFactory.SettingsAck());
        h.Drain();
        // The peer's encoder still thinks 4096 and indexes without a size update: compression error.
        h.ReceiveFails<ProtocolException>(ErrorCode.CompressionError, h.Peer.Headers(1, FrameFactory.Request()));
    }

    [Fact]
    public void Invalid_local_settings_throw_and_send_nothing()
    {
        var h = ConnectionHarness.Server();
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.UpdateSettings([new(SettingCode.MaxFrameSize, 1)]));
        Assert.Equal("newSettings", range.ParamName);
        Assert.Equal(1u, range.ActualValue);
        Assert.StartsWith("SETTINGS_MAX_FRAME_SIZE must be between 16,384 and 16,777,215, not 1.", range.Message, StringComparison.Ordinal);
        var role = Assert.Throws<EndpointRoleException>(() => h.Connection.UpdateSettings([new(SettingCode.EnablePush, 1)]));
        Assert.Equal("A server must not set SETTINGS_ENABLE_PUSH to 1 (RFC 9113 section 6.5.2); only a client advertises it.", role.Message);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Local_initial_window_change_adjusts_stream_receive_windows_on_ack()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Connection.UpdateSettings([new(SettingCode.InitialWindowSize, 1000)]);
        Assert.Equal(65_535, h.Connection.RemoteFlowControlWindow(1));
        h.Receive(FrameFactory.SettingsAck());
        Assert.Equal(1000, h.Connection.RemoteFlowControlWindow(1));
    }

    [Fact]
    public void Remote_header_table_size_reaches_the_encoder()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Receive(FrameFactory.Settings((SettingCode.HeaderTableSize, 0)));
        h.Drain();
        h.Connection.SendHeaders(1, FrameFactory.Response(), endStream: true);
        var headers = Assert.Single(h.Drain());
        Assert.Equal(0x20, headers.Payload[0]); // dynamic table size update to 0 starts the block
    }
}
