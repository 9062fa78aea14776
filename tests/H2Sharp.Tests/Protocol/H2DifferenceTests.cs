using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Protocol;

/// <summary>
/// Pins the differences from h2 listed in docs/differences-from-h2.md: each test asserts what
/// H2Sharp does where h2's own test suite expects something else, for the RFC reason given there.
/// </summary>
public class H2DifferenceTests
{
    [Fact]
    public void A_settings_ack_applies_only_the_oldest_outstanding_settings_frame()
    {
        // RFC 9113 6.5.3: an ACK acknowledges one SETTINGS frame, the oldest; h2 advances every
        // setting with a pending value, so one ACK would apply both frames here.
        var h = ConnectionHarness.Server();
        h.Drain();
        h.Connection.UpdateSettings(new Dictionary<SettingCode, uint> { [SettingCode.MaxFrameSize] = 20_000 });
        h.Connection.UpdateSettings(new Dictionary<SettingCode, uint> { [SettingCode.HeaderTableSize] = 1_000 });
        var ack = Assert.IsType<SettingsAcknowledged>(Assert.Single(h.Receive(FrameFactory.SettingsAck())));
        Assert.Equal([SettingCode.MaxFrameSize], ack.ChangedSettings.Keys);
        var second = Assert.IsType<SettingsAcknowledged>(Assert.Single(h.Receive(FrameFactory.SettingsAck())));
        Assert.Equal([SettingCode.HeaderTableSize], second.ChangedSettings.Keys);
    }

    [Fact]
    public void A_table_size_update_above_our_limit_is_compression_error_not_protocol_error()
    {
        // RFC 7541 6.3: a size update over the limit "MUST be treated as a decoding error", and
        // RFC 9113 4.3: a decoding error is a connection error COMPRESSION_ERROR (h2: PROTOCOL_ERROR).
        var h = ConnectionHarness.Server();
        h.Drain();
        byte[] block = [0x3F, 0xE2, 0x1F, 0x82]; // size update to 4,097, then :method GET
        h.ReceiveFails<ProtocolException>(ErrorCode.CompressionError, FrameFactory.RawHeaders(1, block, endStream: true));
    }

    [Fact]
    public void A_malformed_request_is_a_stream_error_not_a_connection_error()
    {
        // RFC 9113 8.1.1: "Malformed requests or responses that are detected MUST be treated as a
        // stream error (Section 5.4.2) of type PROTOCOL_ERROR"; h2 ends the connection (GOAWAY).
        var h = ConnectionHarness.Server();
        h.Drain();
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(1, endStream: true, ("connection", "close"))));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]); // the connection lives on
    }

    [Fact]
    public void Body_longer_than_content_length_is_a_stream_error_not_a_connection_error()
    {
        // RFC 9113 8.1.1: a content-length that does not equal the DATA payload makes the message
        // malformed: stream error PROTOCOL_ERROR. h2 raises InvalidBodyLengthError with GOAWAY.
        var h = ConnectionHarness.Server();
        h.Drain();
        h.Receive(h.Peer.Headers(1, FrameFactory.Request("POST", "/", ("content-length", "15"))));
        var events = h.Receive(FrameFactory.Data(1, 16));
        var reset = Assert.IsType<StreamReset>(events.Single(e => e is StreamReset));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.IsType<InvalidBodyLengthException>(reset.Error);
        Assert.Contains(h.Drain(), f => f.ToString() == "RST_STREAM 1 ProtocolError");
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]);
    }

    [Fact]
    public void Sixty_four_continuation_frames_pass_and_the_sixty_fifth_is_enhance_your_calm()
    {
        // MaxContinuationFrames counts CONTINUATION frames only; h2's backlog of 64 counts the
        // HEADERS frame too (it refuses the 64th CONTINUATION, with PROTOCOL_ERROR).
        var ok = ConnectionHarness.Server();
        ok.Drain();
        byte[] block = ok.Peer.Block(FrameFactory.Request());
        var frames = new List<byte[]> { FrameFactory.RawHeaders(1, [], endStream: true, endHeaders: false) };
        for (int i = 0; i < 63; i++)
        {
            frames.Add(FrameFactory.Continuation(1, [], endHeaders: false));
        }

        frames.Add(FrameFactory.Continuation(1, block, endHeaders: true));
        Assert.IsType<RequestReceived>(ok.Receive([.. frames])[0]);

        var flood = ConnectionHarness.Server();
        flood.Drain();
        var more = new List<byte[]> { FrameFactory.RawHeaders(1, [], endStream: true, endHeaders: false) };
        for (int i = 0; i < 65; i++)
        {
            more.Add(FrameFactory.Continuation(1, [], endHeaders: false));
        }

        flood.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, [.. more]);
    }
}
