using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>H2Connection as a client against nghttpd (nghttp2's server, cleartext).</summary>
public sealed class NghttpdServerTests : IDisposable
{
    private readonly string _htdocs = Directory.CreateTempSubdirectory("h2sharp-nghttpd-conn-").FullName;
    private readonly PeerProcess _server;
    private readonly int _port;

    public NghttpdServerTests()
    {
        string nghttpd = ExternalTool.Require("nghttpd", "nghttp2-server");
        _port = Loopback.FreePort();
        _server = PeerProcess.Start(nghttpd, $"--no-tls --address=127.0.0.1 -d {_htdocs} {_port}");
        Loopback.WaitForListener(_port, TimeSpan.FromSeconds(15));
    }

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_htdocs, recursive: true);
    }

    [Fact]
    public void Large_file_crosses_our_receive_windows_byte_exact()
    {
        byte[] content = TestRoutes.Pattern(1_500_000);
        File.WriteAllBytes(Path.Combine(_htdocs, "large.bin"), content);
        using var client = H2SocketDriver.ConnectClient(_port);

        H2StreamRecord response = client.SendRequest("GET", $"127.0.0.1:{_port}", "/large.bin");
        client.RunUntil(() => response.Done);

        Assert.Equal("200", response.Status);
        Assert.Equal("1500000", response.Get("content-length"));
        Assert.Null(response.ResetCode);
        Assert.Equal(content, response.Body);
        // 1.5 MB through 65,535-octet windows: only our WINDOW_UPDATEs let nghttpd finish.
        Assert.True(response.DataFrames >= content.Length / 16_384);
        Assert.Null(client.ConnectionError);
    }

    [Fact]
    public void Missing_file_is_404_and_the_connection_goes_on()
    {
        File.WriteAllText(Path.Combine(_htdocs, "a.txt"), "present\n");
        using var client = H2SocketDriver.ConnectClient(_port);

        H2StreamRecord missing = client.SendRequest("GET", $"127.0.0.1:{_port}", "/absent.txt");
        H2StreamRecord present = client.SendRequest("GET", $"127.0.0.1:{_port}", "/a.txt");
        client.RunUntil(() => missing.Done && present.Done);

        Assert.Equal("404", missing.Status);
        Assert.True(missing.Ended);
        Assert.Equal("200", present.Status);
        Assert.Equal("present\n", present.BodyText);
        Assert.Equal((1, 3), (missing.StreamId, present.StreamId));
    }

    [Fact]
    public void Eighty_concurrent_streams_each_get_their_file()
    {
        for (int i = 0; i < 80; i++)
        {
            File.WriteAllBytes(Path.Combine(_htdocs, $"f{i}.bin"), TestRoutes.Pattern(1000 + (i * 997)));
        }
        using var client = H2SocketDriver.ConnectClient(_port);
        // nghttpd announces MAX_CONCURRENT_STREAMS 100: wait for its SETTINGS before opening 80 streams.
        client.RunUntil(() => client.Connection.RemoteSettings.MaxConcurrentStreams == 100);

        var responses = Enumerable.Range(0, 80).Select(i => client.SendRequest("GET", $"127.0.0.1:{_port}", $"/f{i}.bin")).ToList();
        Assert.Equal(80, client.Connection.OpenOutboundStreams);
        client.RunUntil(() => responses.TrueForAll(r => r.Done));

        for (int i = 0; i < 80; i++)
        {
            Assert.Equal("200", responses[i].Status);
            Assert.Equal(TestRoutes.Pattern(1000 + (i * 997)), responses[i].Body);
        }
        Assert.Equal(0, client.Connection.OpenOutboundStreams);
    }
}
