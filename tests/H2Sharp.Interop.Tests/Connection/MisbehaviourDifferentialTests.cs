using System.Net;
using System.Net.Sockets;
using H2Sharp.Frames;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>
/// The same bad bytes go to H2Connection as a server, to nghttpd and to Node's http2 server;
/// the GOAWAY or RST_STREAM each answers with must agree, except for the differences listed
/// here with their reason.
/// </summary>
public sealed class MisbehaviourDifferentialTests : IDisposable
{
    /// <summary>Our expected answer to each case, from RFC 9113.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        // 5.1 half-closed (remote): "...it MUST respond with a stream error of type STREAM_CLOSED."
        ["data_after_end_stream"] = "RST_STREAM 1 STREAM_CLOSED",
        // 5.1 closed: "An endpoint MAY treat receipt of any other type of frame on a closed stream as a
        // connection error of type STREAM_CLOSED"; H2Sharp chooses the stream error (docs/connection.md, Errors).
        ["data_after_rst_stream"] = "RST_STREAM 1 STREAM_CLOSED",
        // 8.2.1/8.1.1: malformed requests are stream errors of type PROTOCOL_ERROR.
        ["uppercase_header_name"] = "RST_STREAM 1 PROTOCOL_ERROR",
        ["connection_specific_header"] = "RST_STREAM 1 PROTOCOL_ERROR",
        // 4.3: a header block that cannot be decoded is a connection error of type COMPRESSION_ERROR.
        ["hpack_bad_index"] = "GOAWAY COMPRESSION_ERROR",
        // 6.9: a zero increment on the connection is a connection error of type PROTOCOL_ERROR.
        ["window_update_zero_on_connection"] = "GOAWAY PROTOCOL_ERROR",
        // 5.1.1: a client stream with an even id is a connection error of type PROTOCOL_ERROR.
        ["even_stream_from_client"] = "GOAWAY PROTOCOL_ERROR",
        // 6.5: a SETTINGS length not a multiple of 6 is a connection error of type FRAME_SIZE_ERROR.
        ["settings_bad_length"] = "GOAWAY FRAME_SIZE_ERROR",
        // 6.10: CONTINUATION not after HEADERS/CONTINUATION without END_HEADERS: PROTOCOL_ERROR.
        ["continuation_without_headers"] = "GOAWAY PROTOCOL_ERROR",
        // 6.10: any other frame inside a header block: connection error PROTOCOL_ERROR.
        ["header_block_interrupted"] = "GOAWAY PROTOCOL_ERROR",
        // 5.1 idle: anything but HEADERS/PRIORITY is a connection error of type PROTOCOL_ERROR.
        ["data_on_idle_stream"] = "GOAWAY PROTOCOL_ERROR",
        // 8.1.1: content-length not matching the DATA is malformed: stream error PROTOCOL_ERROR.
        ["content_length_mismatch"] = "RST_STREAM 1 PROTOCOL_ERROR",
        // 5.1.1: a new stream id lower than one already opened is a connection error PROTOCOL_ERROR.
        ["stream_ids_going_down"] = "GOAWAY PROTOCOL_ERROR",
        // 6.7: PING on a stream other than 0 is a connection error of type PROTOCOL_ERROR.
        ["ping_on_stream"] = "GOAWAY PROTOCOL_ERROR",
    };

    /// <summary>Where a peer answers differently, and why that is not our bug.</summary>
    private static readonly Dictionary<(string Peer, string Case), (string Outcome, string Reason)> Differences = new()
    {
        [("nghttpd", "data_after_end_stream")] = ("GOAWAY STREAM_CLOSED",
            "nghttp2 escalates the stream error to a connection error; RFC 9113 5.4.1: 'An endpoint MAY choose to treat a stream error as a connection error.'"),
        [("node", "data_after_end_stream")] = ("GOAWAY STREAM_CLOSED", "Node runs nghttp2: same escalation as nghttpd."),
        [("nghttpd", "data_after_rst_stream")] = ("GOAWAY STREAM_CLOSED",
            "RFC 9113 5.1 closed: 'An endpoint MAY treat receipt of any other type of frame on a closed stream as a connection error of type STREAM_CLOSED.'"),
        [("node", "data_after_rst_stream")] = ("ignored",
            "Node (nghttp2 with Node's options) minimally processes and discards frames on the closed stream, which RFC 9113 5.1 also allows."),
        [("nghttpd", "stream_ids_going_down")] = ("ignored",
            "nghttp2 does not remember every closed stream id and deliberately ignores HEADERS on a lower id (see its session_on_request_headers_received); RFC 9113 5.1.1 asks for PROTOCOL_ERROR, which H2Sharp sends."),
        [("node", "stream_ids_going_down")] = ("ignored", "Node runs nghttp2: same leniency as nghttpd."),
        [("node", "window_update_zero_on_connection")] = ("GOAWAY INTERNAL_ERROR",
            "nghttpd (the same nghttp2) sends PROTOCOL_ERROR as RFC 9113 6.9 asks; Node's binding reports nghttp2's frame errors as INTERNAL_ERROR."),
        [("node", "even_stream_from_client")] = ("GOAWAY INTERNAL_ERROR", "Node's binding reports nghttp2's frame errors as INTERNAL_ERROR (nghttpd: PROTOCOL_ERROR)."),
        [("node", "ping_on_stream")] = ("GOAWAY INTERNAL_ERROR", "Node's binding reports nghttp2's frame errors as INTERNAL_ERROR (nghttpd: PROTOCOL_ERROR)."),
    };

    private readonly string _htdocs = Directory.CreateTempSubdirectory("h2sharp-misbehave-").FullName;

    public static TheoryData<string> Cases() => new(MisbehaviourCase.Names);

    public void Dispose() => Directory.Delete(_htdocs, recursive: true);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Peers_answer_bad_input_as_we_do(string name)
    {
        string ours, nghttpd, node;
        using (var server = new H2TestServer())
        {
            ours = Outcome(server.Port, name);
            server.AssertNoFailures();
        }
        string nghttpdPath = ExternalTool.Require("nghttpd", "nghttp2-server");
        int port = Loopback.FreePort();
        using (var peer = PeerProcess.Start(nghttpdPath, $"--no-tls --address=127.0.0.1 -d {_htdocs} {port}"))
        {
            Loopback.WaitForListener(port, TimeSpan.FromSeconds(15));
            nghttpd = Outcome(port, name);
        }
        string nodePath = ExternalTool.Require("node", "nodejs");
        using (var peer = PeerProcess.Start(nodePath, $"\"{Path.Combine(AppContext.BaseDirectory, "Peers", "node_server.js")}\""))
        {
            peer.WaitForOutput("listening ", TimeSpan.FromSeconds(20));
            node = Outcome(int.Parse(peer.StandardOutput.Trim().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), name);
        }

        string all = $"ours: {ours}; nghttpd: {nghttpd}; node: {node}";
        Assert.True(Expected[name] == ours, $"H2Connection answered '{ours}', RFC 9113 wants '{Expected[name]}'. {all}");
        string nghttpdWanted = Differences.TryGetValue(("nghttpd", name), out var n) ? n.Outcome : ours;
        Assert.True(nghttpdWanted == nghttpd, $"nghttpd: wanted '{nghttpdWanted}'. {all}");
        string nodeWanted = Differences.TryGetValue(("node", name), out var d) ? d.Outcome : ours;
        Assert.True(nodeWanted == node, $"node: wanted '{nodeWanted}'. {all}");
    }

    /// <summary>
    /// Sends the case, then a PING; reads until GOAWAY, the connection closing, or the ACK of a
    /// second PING sent after the first ACK (by then any RST_STREAM for the case has gone out).
    /// </summary>
    private static string Outcome(int port, string name)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        client.NoDelay = true;
        using var peer = new RawH2Peer(client.GetStream());
        peer.WriteRaw(RawH2Peer.ClientPreface);
        peer.Write(w => FrameWriter.WriteSettings(w, ReadOnlySpan<Setting>.Empty));
        MisbehaviourCase.Write(name, peer, $"127.0.0.1:{port}");
        TryWrite(peer, w => FrameWriter.WritePing(w, 1, ack: false));
        string? reset = null;
        while (true)
        {
            RawFrame frame;
            try
            {
                frame = peer.ReadFrame();
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException)
            {
                return reset ?? "closed";
            }
            switch (frame.Type)
            {
                case FrameType.Settings when !frame.Flags.HasFlag(FrameFlags.Ack):
                    TryWrite(peer, w => FrameWriter.WriteSettingsAck(w));
                    break;
                case FrameType.GoAway:
                    return reset ?? $"GOAWAY {Text(frame.ErrorCode)}";
                case FrameType.RstStream:
                    reset ??= $"RST_STREAM {frame.StreamId} {Text(frame.ErrorCode)}";
                    break;
                case FrameType.Ping when frame.Flags.HasFlag(FrameFlags.Ack) && frame.PingData == 1:
                    TryWrite(peer, w => FrameWriter.WritePing(w, 2, ack: false));
                    break;
                case FrameType.Ping when frame.Flags.HasFlag(FrameFlags.Ack) && frame.PingData == 2:
                    return reset ?? "ignored";
            }
        }
    }

    private static void TryWrite(RawH2Peer peer, Action<System.Buffers.ArrayBufferWriter<byte>> build)
    {
        try
        {
            peer.Write(build);
        }
        catch (IOException)
        {
            // The server already closed on the bad bytes; its GOAWAY may still be readable.
        }
    }

    private static string Text(ErrorCode code) => code switch
    {
        ErrorCode.NoError => "NO_ERROR",
        ErrorCode.ProtocolError => "PROTOCOL_ERROR",
        ErrorCode.InternalError => "INTERNAL_ERROR",
        ErrorCode.FlowControlError => "FLOW_CONTROL_ERROR",
        ErrorCode.StreamClosed => "STREAM_CLOSED",
        ErrorCode.FrameSizeError => "FRAME_SIZE_ERROR",
        ErrorCode.RefusedStream => "REFUSED_STREAM",
        ErrorCode.Cancel => "CANCEL",
        ErrorCode.CompressionError => "COMPRESSION_ERROR",
        _ => code.ToString(),
    };
}
