using System;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

public class ShutdownAndPingTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ping_is_answered_automatically_and_acks_are_reported(bool client)
    {
        var h = client ? ConnectionHarness.Client() : ConnectionHarness.Server();
        var ping = Assert.IsType<PingReceived>(Assert.Single(h.Receive(FrameFactory.Ping(0x0102030405060708))));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, ping.PingData.ToArray());
        Assert.Equal("PING ACK 102030405060708", Assert.Single(h.Drain()).ToString());
        h.Connection.Ping("abcdefgh"u8);
        Assert.Equal("PING 6162636465666768", Assert.Single(h.Drain()).ToString());
        var ack = Assert.IsType<PingAckReceived>(Assert.Single(h.Receive(FrameFactory.Ping(0x6162636465666768, ack: true))));
        Assert.Equal(0x6162636465666768ul, ack.OpaqueData);
        Assert.Throws<ArgumentException>(() => h.Connection.Ping("short"u8));
    }

    [Fact]
    public void Ping_flood_from_a_peer_that_never_reads_is_denial_of_service()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxOutboundBufferedControlBytes = 170 });
        var pings = Enumerable.Range(0, 11).Select(i => FrameFactory.Ping((ulong)i)).ToArray();
        h.ReceiveFails<DenialOfServiceException>(ErrorCode.EnhanceYourCalm, pings);
    }

    [Fact]
    public void Draining_the_buffer_pays_the_control_debt()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxOutboundBufferedControlBytes = 170 });
        for (int i = 0; i < 50; i++)
        {
            h.Receive(FrameFactory.Ping((ulong)i));
            h.Drain();
        }
    }

    [Fact]
    public void Received_goaway_reports_terminated_and_refuses_streams_above_last_id()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.SendRequest();
        h.SendRequest(endStream: false);
        var events = h.Receive(FrameFactory.GoAway(1, ErrorCode.NoError, [9, 9]));
        var terminated = Assert.IsType<ConnectionTerminated>(events[0]);
        Assert.Equal(ErrorCode.NoError, terminated.ErrorCode);
        Assert.Equal(1, terminated.LastStreamId);
        Assert.Equal([9, 9], terminated.AdditionalData?.ToArray());
        Assert.Equal([new StreamReset { StreamId = 3, ErrorCode = ErrorCode.RefusedStream }, new StreamReset { StreamId = 5, ErrorCode = ErrorCode.RefusedStream }], events.Skip(1));

        var ex = Assert.Throws<InvalidOperationException>(() => h.Connection.SendHeaders(7, FrameFactory.Request()));
        Assert.Equal("The peer sent GOAWAY: no new streams may be opened on this connection (RFC 9113 section 6.8); open a new connection for new requests.", ex.Message);
        // Stream 1 finishes; late PING and WINDOW_UPDATE do not raise.
        var more = h.Receive(h.Peer.Headers(1, FrameFactory.Response(), endStream: true), FrameFactory.Ping(5), FrameFactory.WindowUpdate(0, 10));
        Assert.IsType<ResponseReceived>(more[0]);
        Assert.Equal(0, h.Connection.OpenOutboundStreams);
        Assert.Equal("PING ACK 5", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Graceful_close_lets_existing_streams_finish_and_refuses_new_ones()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Connection.CloseConnection();
        Assert.Equal("GOAWAY last=1 NoError", Assert.Single(h.Drain()).ToString());
        var data = h.Receive(FrameFactory.Data(1, 3, endStream: true));
        Assert.IsType<DataReceived>(data[0]);
        var refused = Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(3)));
        Assert.Equal(ErrorCode.RefusedStream, refused.ErrorCode);
        Assert.Equal("RST_STREAM 3 RefusedStream", Assert.Single(h.Drain()).ToString());
        h.Connection.SendHeaders(1, FrameFactory.Response(), endStream: true);
        Assert.Equal("HEADERS 1 END_STREAM", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Close_with_error_closes_at_once_and_ignores_later_input()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        h.Connection.CloseConnection(ErrorCode.InternalError, additionalData: "bye"u8);
        var goAway = Assert.Single(h.Drain());
        Assert.Equal("GOAWAY last=0 InternalError", goAway.ToString());
        Assert.Equal("bye"u8.ToArray(), goAway.Payload[8..]);
        var closed = Assert.Throws<InvalidOperationException>(() => h.Connection.SendHeaders(3, FrameFactory.Request()));
        Assert.Equal("The connection is closed (a GOAWAY with an error was sent or received, or ReceiveData failed); open a new connection.", closed.Message);
        Assert.Empty(h.Receive(FrameFactory.Ping(1)));
        h.Connection.CloseConnection(ErrorCode.InternalError); // sending GOAWAY again is allowed (h2 1.1.0)
    }

    [Fact]
    public void Outbound_buffer_drains_copy_free_and_by_amount()
    {
        var h = ConnectionHarness.Client();
        h.Connection.Ping(1);
        h.Connection.Ping(2);
        Assert.Equal(34, h.Connection.OutboundDataLength);
        var pending = h.Connection.PendingOutboundData;
        Assert.Equal(34, pending.Length);
        h.Connection.AdvanceOutbound(17);
        Assert.Equal(10, h.Connection.DataToSend(10).Length);
        var rest = new byte[100];
        Assert.Equal(7, h.Connection.DataToSend(rest.AsSpan()));
        Assert.Equal(0, h.Connection.OutboundDataLength);
        h.Connection.Ping(3);
        h.Connection.ClearOutboundDataBuffer();
        Assert.Empty(h.Connection.DataToSend());
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.AdvanceOutbound(1));
    }
}
