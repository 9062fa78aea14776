using System.Net;
using System.Net.Sockets;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Kestrel;

/// <summary>The connection pool against Kestrel: lifetime, idle timeout, more connections when streams run out, dispose.</summary>
public sealed class KestrelPoolTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private int _connections;

    private H2SharpHandler CountingHandler() => new()
    {
        ConnectCallback = async (context, token) =>
        {
            Interlocked.Increment(ref _connections);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(context.DnsEndPoint, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    private static HttpClient Client(H2SharpHandler handler) => new(handler)
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Past_its_lifetime_a_connection_takes_no_new_requests()
    {
        H2SharpHandler handler = CountingHandler();
        handler.PooledConnectionLifetime = TimeSpan.FromMilliseconds(100);
        using HttpClient client = Client(handler);
        Assert.Equal("hello from kestrel\n", await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello")));
        await Task.Delay(1200); // lifetime checks run twice a second
        Assert.Equal("hello from kestrel\n", await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello")));
        Assert.Equal(2, _connections);
    }

    [Fact]
    public async Task An_idle_connection_closes_and_the_next_request_opens_another()
    {
        H2SharpHandler handler = CountingHandler();
        handler.PooledConnectionIdleTimeout = TimeSpan.FromMilliseconds(100);
        using HttpClient client = Client(handler);
        await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello"));
        await Task.Delay(1200);
        await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello"));
        Assert.Equal(2, _connections);
    }

    [Fact]
    public async Task With_multiple_connections_enabled_streams_past_the_server_limit_go_on_a_second_connection()
    {
        H2SharpHandler handler = CountingHandler();
        handler.EnableMultipleHttp2Connections = true;
        using HttpClient client = Client(handler);
        await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello")); // the server's SETTINGS (100 streams) are known now
        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => client.GetStringAsync(new Uri(kestrel.App.Http, "/slow/300"))));
        Assert.All(bodies, b => Assert.Equal("slow done", b));
        Assert.Equal(2, _connections);
    }

    [Fact]
    public async Task MaxConnectionsPerServer_caps_the_extra_connections()
    {
        H2SharpHandler handler = CountingHandler();
        handler.EnableMultipleHttp2Connections = true;
        handler.MaxConnectionsPerServer = 1;
        using HttpClient client = Client(handler);
        await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello"));
        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 150).Select(_ => client.GetStringAsync(new Uri(kestrel.App.Http, "/slow/300"))));
        Assert.All(bodies, b => Assert.Equal("slow done", b));
        Assert.Equal(1, _connections);
    }

    [Fact]
    public async Task Disposing_a_body_early_resets_only_that_stream()
    {
        using HttpClient client = Client(new H2SharpHandler { InitialHttp2StreamWindowSize = 65_535 });
        using (HttpResponseMessage big = await client.GetAsync(new Uri(kestrel.App.Http, "/download/8000000"), HttpCompletionOption.ResponseHeadersRead))
        {
            await using Stream body = await big.Content.ReadAsStreamAsync();
            byte[] first = new byte[1000];
            await body.ReadExactlyAsync(first);
            Assert.Equal(Loopback.Pattern(1000), first);
        }

        Assert.Equal("hello from kestrel\n", await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello")));
    }

    [Fact]
    public async Task Options_cannot_change_after_the_first_request()
    {
        var handler = new H2SharpHandler();
        using HttpClient client = Client(handler);
        await client.GetStringAsync(new Uri(kestrel.App.Http, "/hello"));
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => handler.MaxResponseHeadersLength = 128);
        Assert.Contains("before", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_fails_with_ConnectionError()
    {
        using HttpClient client = Client(new H2SharpHandler());
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync($"http://127.0.0.1:{Loopback.FreePort()}/"));
        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
    }
}
