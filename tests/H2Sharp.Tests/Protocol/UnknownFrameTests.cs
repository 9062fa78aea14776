using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Protocol;

/// <summary>Extension frames of unknown types (RFC 9113 sections 4.1 and 5.5).</summary>
public class UnknownFrameTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Unknown_frames_are_reported_with_their_fields_and_otherwise_ignored(bool client)
    {
        var h = client ? ConnectionHarness.Client() : ConnectionHarness.Server();
        byte[] payload = [1, 2, 3];
        var raw = FrameFactory.Raw((FrameType)0xBB, (FrameFlags)0x5A, 7, payload);
        var e = Assert.IsType<UnknownFrameReceived>(Assert.Single(h.Receive(raw)));
        Assert.Equal((0xBB, 0x5A, 7), (e.FrameType, e.Flags, e.StreamId));
        Assert.Equal(payload, e.Payload.ToArray());
        payload[0] = 9; // the event owns a copy
        Assert.Equal(1, e.Payload.Span[0]);
        Assert.Empty(h.Drain());
        Assert.Equal(0, h.Connection.HighestInboundStreamId); // no stream state
    }

    [Fact]
    public void Unknown_frames_on_stream_0_and_empty_ones_are_reported()
    {
        var h = ConnectionHarness.Client();
        var events = h.Receive(FrameFactory.Unknown(0xF0, 0, []), FrameFactory.Unknown(0x20, 1, [0xFF]));
        Assert.Equal([0xF0, 0x20], events.Cast<UnknownFrameReceived>().Select(e => (int)e.FrameType));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_unknown_frame_inside_a_header_block_is_a_connection_error(bool client)
    {
        var h = client ? ConnectionHarness.Client() : ConnectionHarness.Server();
        int id = 1;
        if (client)
        {
            h.SendRequest();
        }

        var block = h.Peer.Block(client ? FrameFactory.Response("200") : FrameFactory.Request());
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError,
            FrameFactory.RawHeaders(id, block[..1], endHeaders: false),
            FrameFactory.Unknown(0xBB, id, [1]),
            FrameFactory.Continuation(id, block[1..], endHeaders: true));
    }

    [Fact]
    public void Unknown_frames_between_header_blocks_do_not_disturb_the_stream()
    {
        var h = ConnectionHarness.Server();
        var events = h.Receive(h.Peer.Headers(1, FrameFactory.Request()), FrameFactory.Unknown(0xBB, 1, [1]), FrameFactory.Data(1, 2, endStream: true));
        Assert.Equal([typeof(RequestReceived), typeof(UnknownFrameReceived), typeof(DataReceived), typeof(StreamEnded)], events.Select(e => e.GetType()));
    }
}
