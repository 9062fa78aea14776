using System.Net;
using System.Net.Sockets;
using H2Sharp.Frames;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>
/// Python h2 4.1.0 as a differential oracle: client byte streams (captured from curl, nghttp and
/// our own client by a recording H2TestServer, plus malformed ones) go into h2's server-side
/// H2Connection (Peers/h2_oracle.py) and into ours; the events must agree line by line, except
/// for the deliberate differences listed with their reason.
/// </summary>
public sealed class PythonOracleDifferentialTests : IDisposable
{
    private const string Authority = "example.test";

    /// <summary>Deliberate differences: both event streams exactly, and why they differ.</summary>
    private static readonly Dictionary<string, (string[] Ours, string[] H2, string Reason)> Differences = new()
    {
        ["uppercase_header_name"] = (
            new[] { "RemoteSettingsChanged ", "StreamReset 1 1 0", "PingReceived 0000000000000001" },
            new[] { "error 1" },
            "RFC 9113 8.2.1/8.1.1: a malformed request is a stream error of type PROTOCOL_ERROR, so we reset stream 1 and go on; "
            + "h2 4.1.0 raises ProtocolError for invalid headers, a connection error (and loses the events of the same receive_data call)."),
        ["connection_specific_header"] = (
            new[] { "RemoteSettingsChanged ", "StreamReset 1 1 0", "PingReceived 0000000000000001" },
            new[] { "error 1" },
            "RFC 9113 8.2.2: a connection-specific field makes the message malformed (stream error); h2 makes it a connection error."),
        ["content_length_mismatch"] = (
            new[]
            {
                "RemoteSettingsChanged ", "RequestReceived 1 :method=POST|:scheme=http|:authority=example.test|:path=/x|content-length=10",
                "StreamReset 1 1 0", "PingReceived 0000000000000001",
            },
            new[] { "error 1" },
            "RFC 9113 8.1.1: a content-length that does not match the DATA is malformed, a stream error; h2 raises InvalidBodyLengthError, a connection error."),
        ["hpack_bad_index"] = (
            new[] { "error 9" },
            new[] { "error 1" },
            "RFC 9113 4.3: 'A decoding error in a field block MUST be treated as a connection error of type COMPRESSION_ERROR'; "
            + "h2 wraps HPACK errors in ProtocolError and sends PROTOCOL_ERROR."),
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("h2sharp-oracle-").FullName;

    public static TheoryData<string> Inputs() => new(new[] { "curl_get", "curl_post", "nghttp_m3", "own_client" }
        .Concat(new[] { "uppercase_header_name", "connection_specific_header", "content_length_mismatch", "hpack_bad_index",
            "window_update_zero_on_connection", "data_on_idle_stream", "data_after_end_stream", "stream_ids_going_down",
            "continuation_without_headers", "even_stream_from_client" }));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Events_agree_with_python_h2(string input)
    {
        byte[] bytes = Capture(input);
        List<string> ours = H2OracleLines.Replay(bytes);
        List<string> h2 = RunOracle(bytes);
        string both = $"\nours:\n  {string.Join("\n  ", ours)}\nh2:\n  {string.Join("\n  ", h2)}";

        Assert.True(ours.Count > 0, "Nothing happened to compare." + both);
        if (Differences.TryGetValue(input, out var difference))
        {
            Assert.True(ours.SequenceEqual(difference.Ours) && h2.SequenceEqual(difference.H2),
                $"Expected the documented difference ({difference.Reason})." + both);
        }
        else
        {
            Assert.True(ours.SequenceEqual(h2), "Event streams differ." + both);
        }
    }

    private byte[] Capture(string input)
    {
        using var server = new H2TestServer(recordInbound: true);
        switch (input)
        {
            case "curl_get":
                RunPeer(ExternalTool.Require("curl", "curl"), $"-sS --http2-prior-knowledge --max-time 20 -o /dev/null http://{server.Authority}/hello");
                break;
            case "curl_post":
                string file = Path.Combine(_dir, "upload");
                File.WriteAllBytes(file, TestRoutes.Pattern(200_000));
                RunPeer(ExternalTool.Require("curl", "curl"), $"-sS --http2-prior-knowledge --max-time 20 -o /dev/null --data-binary @{file} http://{server.Authority}/echo");
                break;
            case "nghttp_m3":
                RunPeer(ExternalTool.Require("nghttp", "nghttp2-client"), $"-n -m 3 http://{server.Authority}/hello");
                break;
            case "own_client":
                using (var client = H2SocketDriver.ConnectClient(server.Port))
                {
                    H2StreamRecord get = client.SendRequest("GET", server.Authority, "/hello");
                    H2StreamRecord post = client.SendRequest("POST", server.Authority, "/echo", TestRoutes.Pattern(100_000),
                        trailers: new List<HeaderField> { new("x-trailer", "1") });
                    client.RunUntil(() => get.Done && post.Done);
                    client.Connection.Ping(0x0102030405060708);
                    client.Connection.CloseConnection();
                    client.Flush();
                }
                break;
            default:
                SendMisbehaviour(server.Port, input);
                break;
        }
        return server.WaitForConnectionsToEnd(1).Single().Inbound;
    }

    private static void SendMisbehaviour(int port, string name)
    {
        using var tcp = new TcpClient();
        tcp.Connect(IPAddress.Loopback, port);
        using var peer = new RawH2Peer(tcp.GetStream());
        peer.WriteRaw(RawH2Peer.ClientPreface);
        peer.Write(w => FrameWriter.WriteSettings(w, ReadOnlySpan<Setting>.Empty));
        MisbehaviourCase.Write(name, peer, Authority);
        try
        {
            peer.Write(w => FrameWriter.WritePing(w, 1, ack: false));
            // Wait for the server's answer to the PING (or its GOAWAY), so it has read everything.
            RawFrame frame;
            do
            {
                frame = peer.ReadFrame();
            }
            while (frame.Type != FrameType.GoAway && !(frame.Type == FrameType.Ping && frame.Flags.HasFlag(FrameFlags.Ack)));
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException)
        {
            // The server closed after its GOAWAY.
        }
    }

    private static void RunPeer(string path, string arguments)
    {
        using var peer = PeerProcess.Start(path, arguments);
        int exit = peer.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"{path} exited {exit}: {peer.StandardError}");
    }

    private static List<string> RunOracle(byte[] bytes)
    {
        string python = ExternalTool.RequirePythonH2();
        using var oracle = PeerProcess.Start(python, $"\"{Path.Combine(AppContext.BaseDirectory, "Peers", "h2_oracle.py")}\"");
        oracle.WriteInput(H2OracleLines.ToHexChunks(bytes));
        int exit = oracle.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"h2_oracle.py exited {exit}: {oracle.StandardError}");
        return oracle.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
