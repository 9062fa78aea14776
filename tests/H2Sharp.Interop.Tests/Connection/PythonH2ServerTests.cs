using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>H2Connection as a client against Python h2 4.1.0 as a server.</summary>
public sealed class PythonH2ServerTests : IDisposable
{
    private readonly PeerProcess _server;
    private readonly int _port;

    public PythonH2ServerTests()
    {
        string python = ExternalTool.RequirePythonH2();
        _server = PeerProcess.Start(python, $"-u \"{Path.Combine(AppContext.BaseDirectory, "Peers", "h2_server.py")}\"");
        _server.WaitForOutput("listening ", TimeSpan.FromSeconds(20));
        _port = int.Parse(_server.StandardOutput.Trim().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Get_echo_trailers_and_404_on_one_connection()
    {
        byte[] upload = TestRoutes.Pattern(400_000);
        string authority = $"127.0.0.1:{_port}";
        using var client = H2SocketDriver.ConnectClient(_port);

        H2StreamRecord hello = client.SendRequest("GET", authority, "/hello");
        H2StreamRecord echo = client.SendRequest("POST", authority, "/echo", upload);
        H2StreamRecord trailers = client.SendRequest("GET", authority, "/trailers");
        H2StreamRecord missing = client.SendRequest("GET", authority, "/none");
        H2StreamRecord bytes = client.SendRequest("GET", authority, "/bytes/200000");
        client.RunUntil(() => hello.Done && echo.Done && trailers.Done && missing.Done && bytes.Done);

        Assert.Equal(new[] { (":status", "200"), ("server", "python-h2"), ("content-length", "21") }, H2StreamRecord.Pairs(hello.Headers));
        Assert.Equal("hello from python h2\n", hello.BodyText);
        Assert.Equal("200", echo.Status);
        Assert.Equal(upload, echo.Body);
        Assert.Equal("python body\n", trailers.BodyText);
        Assert.Equal(new[] { ("x-sum", "42") }, H2StreamRecord.Pairs(trailers.Trailers));
        Assert.Equal(new[] { (":status", "404"), ("content-length", "0") }, H2StreamRecord.Pairs(missing.Headers));
        Assert.Empty(missing.Body);
        Assert.Equal(Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray(), bytes.Body);
        Assert.Null(client.ConnectionError);
    }
}
