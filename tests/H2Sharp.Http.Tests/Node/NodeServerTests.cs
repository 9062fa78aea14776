using System.Net;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Node;

/// <summary>H2SharpHandler against Node's http2 server (nghttp2 inside node): GOAWAY, big headers, a server that stops reading.</summary>
public sealed class NodeServerTests
{
    private static Task<PeerProcess> StartNodeAsync() =>
        PeerProcess.StartAsync("node", "nodejs", Path.Combine(AppContext.BaseDirectory, "Peers", "node_h2_server.js"), "{port}");

    private static HttpClient Client(H2SharpHandler handler) => new(handler)
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task Get_hello()
    {
        using PeerProcess node = await StartNodeAsync();
        using HttpClient client = Client(new H2SharpHandler());
        Assert.Equal("hello from node", await client.GetStringAsync($"http://127.0.0.1:{node.Port}/hello"));
    }

    [Fact]
    public async Task Goaway_mid_flight_retries_the_unprocessed_requests_on_a_new_connection()
    {
        using PeerProcess node = await StartNodeAsync();
        using HttpClient client = Client(new H2SharpHandler());
        // Ten requests go out together on streams 1..19; the server's GOAWAY says it processes up to stream 7.
        Task<string>[] calls = Enumerable.Range(0, 10).Select(_ => client.GetStringAsync($"http://127.0.0.1:{node.Port}/hold/7")).ToArray();
        string[] bodies;
        try
        {
            bodies = await Task.WhenAll(calls);
        }
        catch (HttpRequestException e)
        {
            throw new Xunit.Sdk.XunitException(e.Message + "\nnode said:\n" + node.Output);
        }

        string[] first = bodies.Where(b => b.StartsWith("session 1 ", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["session 1 stream 1", "session 1 stream 3", "session 1 stream 5", "session 1 stream 7"], first);
        Assert.Equal(6, bodies.Count(b => b.StartsWith("session 2 ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_1_MiB_header_block_is_refused_within_MaxResponseHeadersLength()
    {
        using PeerProcess node = await StartNodeAsync();
        using HttpClient client = Client(new H2SharpHandler { MaxResponseHeadersLength = 64 });
        HttpRequestException e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{node.Port}/big-headers"));
        Assert.Equal(HttpRequestError.ConfigurationLimitExceeded, e.HttpRequestError);
        Assert.Contains("MaxResponseHeadersLength = 64 KiB", e.Message, StringComparison.Ordinal);
        // The handler is still usable.
        Assert.Equal("hello from node", await client.GetStringAsync($"http://127.0.0.1:{node.Port}/hello"));
    }

    [Fact]
    public async Task A_server_that_stops_reading_holds_the_upload_to_the_window_and_its_answer_arrives()
    {
        using PeerProcess node = await StartNodeAsync();
        using HttpClient client = Client(new H2SharpHandler());
        var body = new CountingContent(8 * 1024 * 1024);
        using HttpResponseMessage response = await client.PostAsync($"http://127.0.0.1:{node.Port}/stop-reading", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stopped", await response.Content.ReadAsStringAsync());
        // Flow control held the upload to the server's windows (node: 64 KiB stream window by default, some MiB at most).
        Assert.InRange(body.Written, 1, 4 * 1024 * 1024);
    }

    /// <summary>A request body of the given size that counts what the handler took from it.</summary>
    private sealed class CountingContent(int size) : HttpContent
    {
        private long _written;

        public long Written => Interlocked.Read(ref _written);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            byte[] chunk = new byte[16 * 1024];
            for (int sent = 0; sent < size; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk);
                Interlocked.Add(ref _written, chunk.Length);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = size;
            return true;
        }
    }
}
