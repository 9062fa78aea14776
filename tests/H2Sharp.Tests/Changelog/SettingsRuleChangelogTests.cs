using H2Sharp.Events;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Support.FrameFactory;

namespace H2Sharp.Tests.Changelog;

/// <summary>
/// h2 changelog Bugfix lines about our HEADER_TABLE_SIZE reaching the HPACK decoder at the right
/// moment (h2 1.1.0, 2.5.4 / 2.6.2 / 3.0.1). See docs/h2-changelog-rules.md.
/// </summary>
public sealed class SettingsRuleChangelogTests
{
    // h2 1.1.0: the decoder's table size changes when the peer acknowledges our SETTINGS, not before.
    // RFC 9113 6.5.3: "The values in the SETTINGS frame MUST be processed ... Upon receiving the SETTINGS
    // frame with the ACK flag set, the sender of the altered settings can rely on the setting having been applied."
    [Fact]
    public void Decoder_table_size_changes_wait_for_the_peers_acknowledgement()
    {
        var h = ConnectionHarness.Server();
        h.Connection.UpdateSettings([new(SettingCode.HeaderTableSize, 0)]);
        Assert.Equal(["SETTINGS HeaderTableSize=0"], h.Drain().Select(f => f.ToString()));

        // Before the ACK the peer may still index into a 4,096-octet table.
        Assert.IsType<RequestReceived>(h.ReceiveRequest(1, true, ("x-a", "1"))[0]);
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3, true, ("x-a", "1"))[0]);

        // After the ACK the peer's encoder must announce the smaller table first (RFC 7541 4.2); it does.
        h.Receive(SettingsAck());
        h.Peer.Encoder.SetMaxDynamicTableSize(0);
        Assert.IsType<RequestReceived>(h.ReceiveRequest(5, true, ("x-a", "1"))[0]);
        Assert.Empty(h.Drain());
    }

    // h2 3.0.1 / 2.6.2 / 2.5.4: a user's increase of HEADER_TABLE_SIZE is policed too: a peer may use the
    // larger table only once it acknowledged it. RFC 7541 6.3: "The new maximum size MUST be lower than or
    // equal to the limit determined by the protocol"; otherwise a decoding error (COMPRESSION_ERROR).
    [Fact]
    public void Increased_header_table_size_is_allowed_only_after_acknowledgement()
    {
        var early = ConnectionHarness.Server();
        early.Connection.UpdateSettings([new(SettingCode.HeaderTableSize, 8192)]);
        early.Drain();
        early.Peer.Encoder.SetMaxDynamicTableSize(8192);
        early.ReceiveFails<ProtocolException>(ErrorCode.CompressionError, early.Peer.Headers(1, Request()));

        var late = ConnectionHarness.Server();
        late.Connection.UpdateSettings([new(SettingCode.HeaderTableSize, 8192)]);
        late.Receive(SettingsAck());
        late.Drain();
        late.Peer.Encoder.SetMaxDynamicTableSize(8192);
        Assert.IsType<RequestReceived>(late.ReceiveRequest(1)[0]);
        Assert.Empty(late.Drain());
    }
}
