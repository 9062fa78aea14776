using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Hardening;

/// <summary>SETTINGS abuse: entries per frame, and the ACK backlog of a peer that never reads.</summary>
public class SettingsLimitTests
{
    private static byte[] SettingsWith(int entries) =>
        FrameFactory.Settings(Enumerable.Range(0, entries).Select(i => (SettingCode.HeaderTableSize, (uint)(4096 + i))).ToArray());

    [Fact]
    public void Default_allows_64_entries_per_frame_and_65_is_enhance_your_calm()
    {
        var h = ConnectionHarness.Server();
        Assert.Equal(64, h.Connection.Config.MaxSettingsEntriesPerFrame);
        var changed = Assert.IsType<RemoteSettingsChanged>(Assert.Single(h.Receive(SettingsWith(64))));
        Assert.Equal(4096u + 63, changed.ChangedSettings[SettingCode.HeaderTableSize].NewValue);
        Assert.Equal("SETTINGS ACK", Assert.Single(h.Drain()).ToString());
        var ex = h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, SettingsWith(65));
        Assert.Contains("65 entries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_limit_is_exact_in_both_roles()
    {
        var server = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxSettingsEntriesPerFrame = 8 });
        server.Receive(SettingsWith(8));
        Assert.Equal("SETTINGS ACK", Assert.Single(server.Drain()).ToString());
        server.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, SettingsWith(9));

        var client = ConnectionHarness.Client(new H2Configuration { MaxSettingsEntriesPerFrame = 8 });
        client.Receive(SettingsWith(8));
        Assert.Equal("SETTINGS ACK", Assert.Single(client.Drain()).ToString());
        client.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, SettingsWith(9));
    }

    [Fact]
    public void The_first_settings_frame_is_checked_too()
    {
        var c = new H2Connection(new H2Configuration { ClientSide = false, MaxSettingsEntriesPerFrame = 8 });
        c.InitiateConnection();
        c.DataToSend();
        Assert.Throws<DenialOfServiceException>(() => c.ReceiveData(FrameFactory.Concat(FrameFactory.Preface, SettingsWith(9))));
        var sent = new SentFrames().Parse(c.DataToSend());
        Assert.Equal("GOAWAY last=0 EnhanceYourCalm", Assert.Single(sent).ToString());
    }

    [Fact]
    public void Settings_ack_backlog_is_bounded_by_the_control_byte_limit()
    {
        // A SETTINGS ACK is 9 octets: 10 fit in 90, the 11th is a flood.
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxOutboundBufferedControlBytes = 90 });
        var ten = Enumerable.Repeat(FrameFactory.Settings(), 10).ToArray();
        Assert.Equal(10, h.Receive(ten).Count);
        Assert.Equal(Enumerable.Repeat("SETTINGS ACK", 10), h.Drain().Select(f => f.ToString()));
        var eleven = Enumerable.Repeat(FrameFactory.Settings(), 11).ToArray();
        var ex = h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, eleven);
        Assert.Contains("MaxOutboundBufferedControlBytes = 90", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(0)]
    public void Entries_limit_below_the_defined_settings_is_rejected(int value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new H2Connection(new H2Configuration { MaxSettingsEntriesPerFrame = value }));
        Assert.Equal(nameof(H2Configuration.MaxSettingsEntriesPerFrame), ex.ParamName);
    }
}
