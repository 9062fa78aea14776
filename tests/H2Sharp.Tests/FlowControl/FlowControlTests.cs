using System;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.FlowControl;

public class FlowControlTests
{
    [Fact]
    public void Send_data_beyond_window_throws_flow_control_and_beyond_frame_size_throws_frame_too_large()
    {
        var h = ConnectionHarness.Client(null, (SettingCode.InitialWindowSize, 10));
        int id = h.SendRequest(endStream: false);
        Assert.Equal(10, h.Connection.LocalFlowControlWindow(id));
        var window = Assert.Throws<InvalidOperationException>(() => h.Connection.SendData(id, new byte[11]));
        Assert.Equal($"11 octets exceed the flow-control window of stream {id} (10 octets may be sent now; see LocalFlowControlWindow). Wait for WindowUpdated, or use SendAvailableData.", window.Message);
        Assert.Throws<InvalidOperationException>(() => h.Connection.SendData(id, new byte[5], padLength: 5)); // padding counts
        h.Connection.SendData(id, new byte[10]);
        Assert.Equal(0, h.Connection.LocalFlowControlWindow(id));

        var big = ConnectionHarness.Client(null, (SettingCode.InitialWindowSize, 100_000));
        int id2 = big.SendRequest(endStream: false);
        big.Receive(FrameFactory.WindowUpdate(0, 100_000));
        var size = Assert.Throws<ArgumentException>(() => big.Connection.SendData(id2, new byte[16_385]));
        Assert.Equal("data", size.ParamName);
        Assert.Equal("16385 octets do not fit in one DATA frame: the peer accepts at most 16384 (MaxOutboundFrameSize). Split the data, or use SendAvailableData. (Parameter 'data')", size.Message);
        big.Connection.SendData(id2, new byte[16_384]);
    }

    [Fact]
    public void Window_updates_are_reported_and_open_the_windows()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        var events = h.Receive(FrameFactory.WindowUpdate(0, 100), FrameFactory.WindowUpdate(1, 50));
        Assert.Equal([new WindowUpdated { StreamId = 0, Delta = 100 }, new WindowUpdated { StreamId = 1, Delta = 50 }], events);
        Assert.Equal(65_535 + 50, h.Connection.LocalFlowControlWindow(1));
    }

    [Fact]
    public void Zero_increment_is_a_stream_error_on_a_stream_and_a_connection_error_on_the_connection()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.WindowUpdate(1, 0))));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        h.Drain();
        h.ReceiveFails<ProtocolException>(ErrorCode.ProtocolError, FrameFactory.WindowUpdate(0, 0));
    }

    [Fact]
    public void Remote_peers_incrementing_stream_window_beyond_maximum_cause_stream_errors()
    {
        // h2 2.5.4 / 2.6.2 / 3.0.1 bugfix: window overflow on a stream keeps the connection up.
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.WindowUpdate(1, int.MaxValue))));
        Assert.Equal(ErrorCode.FlowControlError, reset.ErrorCode);
        Assert.Equal("RST_STREAM 1 FlowControlError", Assert.Single(h.Drain()).ToString());
    }

    [Fact]
    public void Connection_window_overflow_is_a_connection_flow_control_error()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveFails<FlowControlException>(ErrorCode.FlowControlError, FrameFactory.WindowUpdate(0, int.MaxValue));
    }

    [Fact]
    public void Peer_overrunning_the_stream_window_is_a_stream_error_and_connection_window_is_refilled()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, InitialWindowSize = 100 });
        h.ReceiveRequest(1, endStream: false);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(FrameFactory.Data(1, 101))));
        Assert.Equal(ErrorCode.FlowControlError, reset.ErrorCode);
    }

    [Fact]
    public void Peer_overrunning_the_connection_window_is_a_connection_error()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, InitialWindowSize = 1_000_000, MaxFrameSize = 100_000 });
        h.ReceiveRequest(1, endStream: false);
        h.ReceiveFails<FlowControlException>(ErrorCode.FlowControlError, FrameFactory.Data(1, 65_536));
    }

    [Fact]
    public void Padding_counts_against_the_window_and_in_flow_controlled_length()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        var data = Assert.IsType<DataReceived>(Assert.Single(h.Receive(FrameFactory.Data(1, [1, 2, 3], padLength: 10))));
        Assert.Equal(3, data.Data.Length);
        Assert.Equal(14, data.FlowControlledLength);
        Assert.Equal(65_535 - 14, h.Connection.RemoteFlowControlWindow(1));
    }

    [Fact]
    public void Increment_flow_control_window_rejects_out_of_range_values_and_sends_window_update()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.IncrementFlowControlWindow(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.IncrementFlowControlWindow(-1, 1));
        var over = Assert.Throws<ArgumentOutOfRangeException>(() => h.Connection.IncrementFlowControlWindow(int.MaxValue, 1));
        Assert.Equal("increment", over.ParamName);
        Assert.StartsWith("Incrementing the window of stream 1 by 2147483647 would take it past 2^31-1 (it is 65535); pass at most 2147418112.", over.Message, StringComparison.Ordinal);
        h.Connection.IncrementFlowControlWindow(1000);
        h.Connection.IncrementFlowControlWindow(500, 1);
        Assert.Equal(["WINDOW_UPDATE 0 +1000", "WINDOW_UPDATE 1 +500"], h.Drain().Select(f => f.ToString()));
        Assert.Equal(65_535, h.Connection.RemoteFlowControlWindow(1) - 500);
    }

    [Fact]
    public void Acknowledge_received_data_coalesces_window_updates_at_half_the_window()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        for (int i = 0; i < 3; i++)
        {
            h.Receive(FrameFactory.Data(1, 10_000));
            h.Connection.AcknowledgeReceivedData(10_000, 1);
            Assert.Empty(h.Drain());
        }

        h.Receive(FrameFactory.Data(1, 10_000));
        h.Connection.AcknowledgeReceivedData(10_000, 1);
        Assert.Equal(["WINDOW_UPDATE 0 +40000", "WINDOW_UPDATE 1 +40000"], h.Drain().Select(f => f.ToString()));
    }

    [Fact]
    public void Acknowledge_on_closed_stream_only_reopens_the_connection()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.Receive(FrameFactory.Data(1, 16_384), FrameFactory.Data(1, 16_384, endStream: true));
        h.Connection.SendHeaders(1, FrameFactory.Response(), endStream: true);
        h.Drain();
        h.Connection.AcknowledgeReceivedData(32_768, 1);
        Assert.Equal("WINDOW_UPDATE 0 +32768", Assert.Single(h.Drain()).ToString());
        Assert.Throws<NoSuchStreamException>(() => h.Connection.AcknowledgeReceivedData(1, 99));
    }

    [Fact]
    public void Automatic_strategy_keeps_a_configured_connection_window()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, InitialConnectionWindowSize = 1 << 20, InitialWindowSize = 1 << 20 });
        h.ReceiveRequest(1, endStream: false);
        for (int i = 0; i < 40; i++)
        {
            h.Receive(FrameFactory.Data(1, 16_384));
        }

        Assert.Equal((1 << 20) - (40 * 16_384), h.Connection.RemoteFlowControlWindow(1));
        h.Connection.AcknowledgeReceivedData(40 * 16_384, 1);
        Assert.Equal(["WINDOW_UPDATE 0 +655360", "WINDOW_UPDATE 1 +655360"], h.Drain().Select(f => f.ToString()));
    }

    [Fact]
    public void Send_available_data_sends_correctly_sized_frames_within_windows()
    {
        var h = ConnectionHarness.Client(null, (SettingCode.InitialWindowSize, 40_000));
        int id = h.SendRequest(endStream: false);
        var body = new byte[100_000];
        int sent = h.Connection.SendAvailableData(id, body, endStream: true);
        Assert.Equal(40_000, sent);
        Assert.Equal(["DATA 1 len=16384", "DATA 1 len=16384", "DATA 1 len=7232"], h.Drain().Select(f => f.ToString()));
        Assert.Equal(0, h.Connection.SendAvailableData(id, body.AsSpan(sent), endStream: true));
        h.Receive(FrameFactory.WindowUpdate(0, 100_000), FrameFactory.WindowUpdate(id, 100_000));
        Assert.Equal(60_000, h.Connection.SendAvailableData(id, body.AsSpan(sent), endStream: true));
        var frames = h.Drain();
        Assert.Equal("DATA 1 len=10848 END_STREAM", frames[^1].ToString());
        Assert.Equal(4, frames.Count);
    }

    [Fact]
    public void Change_of_initial_window_size_adjusts_open_streams_only_not_the_connection()
    {
        // h2 2.1.0 bugfix: SETTINGS_INITIAL_WINDOW_SIZE applies to streams, never to the connection window.
        var h = ConnectionHarness.Client();
        int id = h.SendRequest(endStream: false);
        h.Connection.SendData(id, new byte[1000]);
        h.Receive(FrameFactory.Settings((SettingCode.InitialWindowSize, 100_000)));
        Assert.Equal(65_535 - 1000, h.Connection.LocalFlowControlWindow(id)); // connection window limits
        h.Receive(FrameFactory.WindowUpdate(0, 200_000));
        Assert.Equal(100_000 - 1000, h.Connection.LocalFlowControlWindow(id));
        h.Receive(FrameFactory.Settings((SettingCode.InitialWindowSize, 500)));
        Assert.Equal(0, h.Connection.LocalFlowControlWindow(id)); // 500 - 1000 is negative
    }

    [Fact]
    public void Initial_window_size_change_that_overflows_a_stream_is_a_connection_error()
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest(endStream: false);
        h.Receive(FrameFactory.WindowUpdate(id, int.MaxValue - 65_535));
        h.ReceiveFails<FlowControlException>(ErrorCode.FlowControlError, FrameFactory.Settings((SettingCode.InitialWindowSize, 65_536)));
    }
}
