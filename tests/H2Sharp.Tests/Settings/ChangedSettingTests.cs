using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Tests.Support;
using Xunit;

namespace H2Sharp.Tests.Settings;

/// <summary>ChangedSetting.OriginalValue: null for a setting that had no value, as h2's None.</summary>
public class ChangedSettingTests
{
    [Fact]
    public void Remote_setting_never_sent_before_has_a_null_original_value_then_the_previous_one()
    {
        var h = ConnectionHarness.Client();
        var first = Assert.IsType<RemoteSettingsChanged>(Assert.Single(h.Receive(FrameFactory.Settings(
            (SettingCode.MaxConcurrentStreams, 100), (SettingCode.MaxHeaderListSize, 8192), ((SettingCode)0x99, 5), (SettingCode.InitialWindowSize, 1000)))));
        Assert.Equal(new ChangedSetting(SettingCode.MaxConcurrentStreams, null, 100), first.ChangedSettings[SettingCode.MaxConcurrentStreams]);
        Assert.Equal(new ChangedSetting(SettingCode.MaxHeaderListSize, null, 8192), first.ChangedSettings[SettingCode.MaxHeaderListSize]);
        Assert.Equal(new ChangedSetting((SettingCode)0x99, null, 5), first.ChangedSettings[(SettingCode)0x99]);
        // A setting with an RFC initial value reports that value the first time.
        Assert.Equal(new ChangedSetting(SettingCode.InitialWindowSize, 65_535, 1000), first.ChangedSettings[SettingCode.InitialWindowSize]);

        var second = Assert.IsType<RemoteSettingsChanged>(Assert.Single(h.Receive(FrameFactory.Settings((SettingCode.MaxConcurrentStreams, 50)))));
        Assert.Equal(new ChangedSetting(SettingCode.MaxConcurrentStreams, 100u, 50), Assert.Single(second.ChangedSettings).Value);
    }

    [Fact]
    public void Local_setting_never_sent_before_has_a_null_original_value_when_acknowledged()
    {
        var h = ConnectionHarness.Server();
        h.Connection.UpdateSettings(new Dictionary<SettingCode, uint> { [(SettingCode)0x99] = 7, [SettingCode.InitialWindowSize] = 1000 });
        h.Drain();
        var ack = Assert.IsType<SettingsAcknowledged>(Assert.Single(h.Receive(FrameFactory.SettingsAck())));
        Assert.Equal(new ChangedSetting((SettingCode)0x99, null, 7), ack.ChangedSettings[(SettingCode)0x99]);
        Assert.Equal(new ChangedSetting(SettingCode.InitialWindowSize, 65_535, 1000), ack.ChangedSettings[SettingCode.InitialWindowSize]);
        Assert.Equal("SettingsAcknowledged { ChangedSettings = { ChangedSetting { Setting = 153, OriginalValue = null, NewValue = 7 }, ChangedSetting { Setting = InitialWindowSize, OriginalValue = 65535, NewValue = 1000 } } }", ack.ToString());
    }

    [Fact]
    public void Initial_window_change_from_a_peer_moves_open_stream_windows_by_the_difference()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest(endStream: false);
        h.Receive(FrameFactory.Settings((SettingCode.InitialWindowSize, 1000)));
        Assert.Equal(1000, h.Connection.LocalFlowControlWindow(id));
    }
}
