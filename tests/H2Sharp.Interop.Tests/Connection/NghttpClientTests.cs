using System.Text;
using System.Text.RegularExpressions;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>nghttp and h2load (nghttp2's client and load generator) against H2Connection as a server.</summary>
public sealed class NghttpClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("h2sharp-nghttp-").FullName;
    private readonly H2TestServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Nghttp_sees_our_settings_and_the_whole_response()
    {
        string output = Run("nghttp", $"-nv http://{_server.Authority}/hello");

        // Our SETTINGS (MAX_CONCURRENT_STREAMS 100, MAX_HEADER_LIST_SIZE 65536 from H2Configuration), and our ACK of nghttp's.
        // (nghttp's own ACK of ours is not asserted: when the response is quick it may exit before sending it.)
        Assert.Matches(@"recv SETTINGS frame <length=\d+, flags=0x00, stream_id=0>", output);
        Assert.Contains("[SETTINGS_MAX_CONCURRENT_STREAMS(0x03):100]", output, StringComparison.Ordinal);
        Assert.Contains("[SETTINGS_MAX_HEADER_LIST_SIZE(0x06):65536]", output, StringComparison.Ordinal);
        Assert.Contains("recv SETTINGS frame <length=0, flags=0x01, stream_id=0>", output, StringComparison.Ordinal);
        Assert.Matches(@"recv HEADERS frame <length=\d+, flags=0x04, stream_id=13>", output);
        Assert.Contains("recv (stream_id=13) :status: 200", output, StringComparison.Ordinal);
        Assert.Contains("recv (stream_id=13) content-length: 19", output, StringComparison.Ordinal);
        Assert.Contains("recv DATA frame <length=19, flags=0x01, stream_id=13>", output, StringComparison.Ordinal);
        // nghttp ends with GOAWAY NO_ERROR after its last stream; our side must not have sent one with an error.
        Assert.DoesNotContain("recv GOAWAY", output, StringComparison.Ordinal);

        H2SocketDriver connection = _server.WaitForConnectionsToEnd(1).Single();
        Assert.Null(connection.ConnectionError);
        // nghttp opens its RFC 7540 priority tree with PRIORITY frames on idle streams 3..11 first.
        Assert.Equal("/hello", connection.Streams[13].Get(":path"));
        Assert.Equal(ErrorCode.NoError, connection.GoAway?.ErrorCode);
    }

    [Fact]
    public void Nghttp_twenty_requests_on_one_connection()
    {
        string output = Run("nghttp", $"-nv -m 20 http://{_server.Authority}/bytes/30000");

        Assert.Equal(20, Regex.Count(output, @"recv \(stream_id=\d+\) :status: 200"));
        H2SocketDriver connection = _server.WaitForConnectionsToEnd(1).Single();
        var requests = connection.Streams.Values.Where(s => s.Headers is not null).ToList();
        Assert.Equal(20, requests.Count);
        Assert.All(requests, r => Assert.True(r.Ended && r.ResetCode is null && r.Get(":path") == "/bytes/30000"));
        // Each response is 30,000 bytes: 20 of them exceed the 65,535-octet connection window many times over.
        Assert.Equal(20, Regex.Count(output, @"recv DATA frame <length=\d+, flags=0x01"));
    }

    [Fact]
    public void Nghttp_upload_is_received_and_echoed_byte_exact()
    {
        var text = new StringBuilder();
        for (int i = 0; text.Length < 300_000; i++)
        {
            text.Append("line ").Append(i).Append(" of the nghttp upload\n");
        }
        byte[] upload = Encoding.ASCII.GetBytes(text.ToString());
        string file = Path.Combine(_dir, "upload.txt");
        File.WriteAllBytes(file, upload);

        string output = Run("nghttp", $"-d {file} http://{_server.Authority}/echo");

        Assert.Equal(text.ToString(), output);
        H2StreamRecord request = _server.WaitForConnectionsToEnd(1).Single().Streams.Values.Single(s => s.Headers is not null);
        Assert.Equal("POST", request.Get(":method"));
        Assert.Equal(upload, request.Body);
    }

    [Fact]
    public void H2load_two_thousand_requests_over_four_connections_all_succeed()
    {
        string output = Run("h2load", $"-n 2000 -c 4 -m 50 http://{_server.Authority}/hello", timeoutSeconds: 60);

        Assert.Contains("2000 succeeded, 0 failed, 0 errored", output, StringComparison.Ordinal);
        Assert.Contains("status codes: 2000 2xx", output, StringComparison.Ordinal);
        List<H2SocketDriver> connections = _server.WaitForConnectionsToEnd(4);
        Assert.Equal(4, connections.Count);
        Assert.All(connections, c => Assert.Null(c.ConnectionError));
        Assert.Equal(2000, connections.Sum(c => c.Streams.Values.Count(s => s.Ended && s.ResetCode is null)));
    }

    private static string Run(string tool, string arguments, int timeoutSeconds = 30)
    {
        string path = ExternalTool.Require(tool, "nghttp2-client");
        using var peer = PeerProcess.Start(path, arguments);
        int exit = peer.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds));
        Assert.True(exit == 0, $"{tool} exited {exit}: {peer.StandardError}\n{peer.StandardOutput}");
        return peer.StandardOutput;
    }
}
