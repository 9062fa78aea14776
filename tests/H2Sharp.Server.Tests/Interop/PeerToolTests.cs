using System.Buffers;
using System.Text.RegularExpressions;
using H2Sharp.Server.Tests.Support;

namespace H2Sharp.Server.Tests.Interop;

/// <summary>H2Server against nghttp2's and curl's clients.</summary>
public partial class PeerToolTests
{
    private static readonly HeaderField Length = new("content-length", "19");

    private static ValueTask Fixed(H2ServerRequestContext context)
    {
        context.ResponseHeaders.Add(Length);
        context.ResponseBodyWriter.Write("hello from h2sharp\n"u8);
        return default;
    }

    [Fact]
    public async Task Curl_with_prior_knowledge_gets_the_body()
    {
        await using TestServer server = await TestServer.StartAsync(Fixed);

        var (exit, output) = Tool.Run("curl", $"-sS --http2-prior-knowledge --max-time 20 {server.Http}/", TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Equal("hello from h2sharp\n", output);
    }

    [Fact]
    public async Task Curl_upgrades_from_http11_with_h2c()
    {
        await using TestServer server = await TestServer.StartAsync(Fixed);

        var (exit, output) = Tool.Run("curl", $"-sS --http2 --max-time 20 -o /dev/null -w %{{http_version}}:%{{http_code}} {server.Http}/", TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Equal("2:200", output);
    }

    [Fact]
    public async Task Curl_over_tls_negotiates_h2()
    {
        await using TestServer server = await TestServer.StartAsync(Fixed, tls: true);

        var (exit, output) = Tool.Run("curl", $"-sS -k --http2 --max-time 20 -w :%{{http_version}} {server.Https}/", TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Equal("hello from h2sharp\n:2", output);
    }

    [Fact]
    public async Task Nghttp_gets_the_body_and_status()
    {
        await using TestServer server = await TestServer.StartAsync(Fixed);

        var (exit, output) = Tool.Run("nghttp", $"-v {server.Http}/", TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Contains(":status: 200", output, StringComparison.Ordinal);
        Assert.Contains("hello from h2sharp", output, StringComparison.Ordinal);
        Assert.DoesNotContain("error_code=PROTOCOL_ERROR", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nghttp_over_tls_negotiates_h2_by_ALPN()
    {
        await using TestServer server = await TestServer.StartAsync(Fixed, tls: true);

        var (exit, output) = Tool.Run("nghttp", $"-v {server.Https}/", TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        Assert.Contains("The negotiated protocol: h2", output, StringComparison.Ordinal);
        Assert.Contains(":status: 200", output, StringComparison.Ordinal);
        Assert.Contains("hello from h2sharp", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task H2load_with_50_connections_of_100_streams_has_no_failures()
    {
        await using TestServer server = await TestServer.StartAsync(Fixed);

        var (exit, output) = Tool.Run("h2load", $"-n 20000 -c 50 -m 100 {server.Http}/", TimeSpan.FromSeconds(120));

        Assert.Equal(0, exit);
        Match done = Requests().Match(output);
        Assert.True(done.Success, output);
        Assert.Equal("20000", done.Groups["succeeded"].Value);
        Assert.Equal("0", done.Groups["failed"].Value);
        Assert.Equal("0", done.Groups["errored"].Value);
    }

    [GeneratedRegex(@"requests: \d+ total, \d+ started, \d+ done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex Requests();
}
