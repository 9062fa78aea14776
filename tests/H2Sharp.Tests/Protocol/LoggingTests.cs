using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Tests.Protocol;

/// <summary>Frame tracing through H2Configuration.Logger.</summary>
public class LoggingTests
{
    private static void ShortExchange(H2Connection client, H2Connection server)
    {
        client.InitiateConnection();
        server.InitiateConnection();
        client.SendHeaders(1, FrameFactory.Request(), endStream: true);
        server.ReceiveData(client.DataToSend());
        server.SendHeaders(1, FrameFactory.Response("200"));
        server.SendData(1, "hi"u8, endStream: true);
        client.ReceiveData(server.DataToSend());
        client.Ping(0x0102030405060708);
        server.ReceiveData(client.DataToSend());
        client.ReceiveData(server.DataToSend());
    }

    [Fact]
    public void Every_frame_sent_and_received_is_traced_in_order_at_Trace_level()
    {
        var clientLog = new CapturingLogger(LogLevel.Trace);
        var serverLog = new CapturingLogger(LogLevel.Trace);
        var client = new H2Connection(new H2Configuration { Logger = clientLog });
        var server = new H2Connection(new H2Configuration { ClientSide = false, Logger = serverLog });
        ShortExchange(client, server);

        string settings = "SETTINGS [HeaderTableSize=4096, EnablePush=1, InitialWindowSize=65535, MaxFrameSize=16384, EnableConnectProtocol=0, MaxConcurrentStreams=100, MaxHeaderListSize=65536]";
        string serverSettings = settings.Replace("EnablePush=1", "EnablePush=0", StringComparison.Ordinal);
        Assert.Equal(
        [
            "Trace FrameSent: client sent connection preface",
            "Trace FrameSent: client sent " + settings,
            "Trace FrameSent: client sent HEADERS stream=1 fragment=" + Fragment(clientLog, 2) + " END_STREAM END_HEADERS",
            "Trace FrameReceived: client received " + serverSettings,
            "Trace FrameReceived: client received SETTINGS ACK",
            Line(clientLog, 5, "Trace FrameReceived: client received HEADERS stream=1 fragment="),
            "Trace FrameReceived: client received DATA stream=1 data=2 END_STREAM",
            "Trace FrameSent: client sent SETTINGS ACK",
            "Trace FrameSent: client sent PING data=0x0102030405060708",
            "Trace FrameReceived: client received PING data=0x0102030405060708 ACK",
        ], clientLog.Lines);
        Assert.Equal(
        [
            "Trace FrameSent: server sent " + serverSettings,
            "Trace FrameReceived: server received " + settings,
            Line(serverLog, 2, "Trace FrameReceived: server received HEADERS stream=1 fragment="),
            "Trace FrameSent: server sent SETTINGS ACK",
            Line(serverLog, 4, "Trace FrameSent: server sent HEADERS stream=1 fragment="),
            "Trace FrameSent: server sent DATA stream=1 data=2 END_STREAM",
            "Trace FrameReceived: server received SETTINGS ACK",
            "Trace FrameReceived: server received PING data=0x0102030405060708",
            "Trace FrameSent: server sent PING data=0x0102030405060708 ACK",
        ], serverLog.Lines);
    }

    [Fact]
    public void Nothing_is_formatted_when_Trace_is_off()
    {
        var clientLog = new CapturingLogger(LogLevel.Information);
        var serverLog = new CapturingLogger(LogLevel.Information);
        ShortExchange(
            new H2Connection(new H2Configuration { Logger = clientLog }),
            new H2Connection(new H2Configuration { ClientSide = false, Logger = serverLog }));
        Assert.Equal(0, clientLog.LogCalls + serverLog.LogCalls);
        Assert.Empty(clientLog.Lines);
        Assert.True(clientLog.IsEnabledCalls > 0 && serverLog.IsEnabledCalls > 0);
    }

    [Fact]
    public void Debug_logging_of_connection_level_frames_and_errors_does_not_fail()
    {
        // h2 3.1.0 bugfix: "Debug logging when stream_id is None is now fixed and no longer errors."
        var log = new CapturingLogger(LogLevel.Trace);
        var h = ConnectionHarness.Client(new H2Configuration { Logger = log });
        h.ReceiveFails<ProtocolException>(ErrorCode.FrameSizeError, FrameFactory.Raw(FrameType.Ping, FrameFlags.None, 0, [1, 2]));
        Assert.Contains("Trace FrameReceived: client received PING stream=0 length=2 flags=0 (malformed)", log.Lines);
        Assert.Equal("Trace FrameSent: client sent GOAWAY last_stream=0 error=FrameSizeError", GoAwayLine(log));
    }

    [Fact]
    public void Cleared_and_partially_drained_frames_are_traced_once()
    {
        var log = new CapturingLogger(LogLevel.Trace);
        var c = new H2Connection(new H2Configuration { Logger = log });
        c.InitiateConnection();
        c.AdvanceOutbound(10);
        c.Ping(1);
        c.ClearOutboundDataBuffer();
        c.Ping(2);
        c.DataToSend();
        Assert.Equal(4, log.Lines.Count);
        Assert.EndsWith("PING data=0x0000000000000001", log.Lines[2], StringComparison.Ordinal);
        Assert.EndsWith("PING data=0x0000000000000002", log.Lines[3], StringComparison.Ordinal);
    }

    private static string Fragment(CapturingLogger log, int index)
    {
        string line = log.Lines[index];
        int start = line.IndexOf("fragment=", StringComparison.Ordinal) + 9;
        return line[start..line.IndexOf(' ', start)];
    }

    /// <summary>The line at <paramref name="index"/> if it starts as expected (HPACK sizes vary with the encoder).</summary>
    private static string Line(CapturingLogger log, int index, string start)
    {
        Assert.StartsWith(start, log.Lines[index], StringComparison.Ordinal);
        return log.Lines[index];
    }

    private static string? GoAwayLine(CapturingLogger log) => log.Lines.Find(l => l.Contains("GOAWAY", StringComparison.Ordinal));
}
