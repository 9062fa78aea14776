using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Security.Authentication;
using System.Text;
using H2Sharp.Server.Tests.Support;

namespace H2Sharp.Server.Tests.Hosting;

/// <summary>H2Server answering SocketsHttpHandler over h2c prior knowledge and over TLS.</summary>
public class HttpClientTests
{
    private static readonly HeaderField TextPlain = new("content-type", "text/plain");

    private static ValueTask Hello(H2ServerRequestContext context)
    {
        context.ResponseHeaders.Add(TextPlain);
        context.ResponseBodyWriter.Write("hello "u8);
        context.ResponseBodyWriter.Write<byte>(Encoding.UTF8.GetBytes(context.Method + " " + context.Path));
        return default;
    }

    [Fact]
    public async Task Prior_knowledge_get_gets_status_headers_and_body()
    {
        await using TestServer server = await TestServer.StartAsync(Hello);
        using HttpClient client = TestServer.PriorKnowledgeClient();

        using HttpResponseMessage response = await client.GetAsync(server.Http + "/a/b?c=d");

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("hello GET /a/b?c=d", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tls_negotiates_h2_and_the_handler_sees_the_connection()
    {
        string? seen = null;
        await using TestServer server = await TestServer.StartAsync(context =>
        {
            H2ConnectionInfo c = context.Connection;
            seen = $"{c.IsTls} {c.NegotiatedApplicationProtocol} {c.TlsProtocol >= SslProtocols.Tls12} {context.Scheme} {c.RemoteEndPoint!.Address}";
            return Hello(context);
        }, tls: true);
        using HttpClient client = TestServer.TlsClient();

        using HttpResponseMessage response = await client.GetAsync(server.Https + "/");

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("hello GET /", await response.Content.ReadAsStringAsync());
        Assert.Equal("True h2 True https 127.0.0.1", seen);
    }

    [Fact]
    public async Task A_large_upload_is_echoed_through_flow_control()
    {
        // 3 MB: more than the connection window (1 MiB), so the server must give credit as the handler reads.
        // The handler reads it all before answering: SocketsHttpHandler reads no response body
        // before a non-duplex request body is sent, so echoing as it comes would deadlock on any server.
        await using TestServer server = await TestServer.StartAsync(async context =>
        {
            PipeReader reader = context.RequestBodyReader;
            var all = new MemoryStream();
            while (true)
            {
                ReadResult read = await reader.ReadAsync();
                foreach (ReadOnlyMemory<byte> segment in read.Buffer)
                {
                    all.Write(segment.Span);
                }
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
            await context.ResponseBodyWriter.WriteAsync(all.ToArray());
        }, o => { o.Limits.MinRequestBodyDataRate = null; o.Limits.MinResponseDataRate = null; });
        using HttpClient client = TestServer.PriorKnowledgeClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        byte[] body = new byte[3 * 1024 * 1024 + 5];
        new Random(11).NextBytes(body);

        using HttpResponseMessage response = await client.PostAsync(server.Http + "/echo", new ByteArrayContent(body));

        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Trailers_follow_the_body()
    {
        await using TestServer server = await TestServer.StartAsync(context =>
        {
            context.ResponseTrailers.Add(new HeaderField("grpc-status", "0"));
            context.ResponseBodyWriter.Write("body"u8);
            return default;
        });
        using HttpClient client = TestServer.PriorKnowledgeClient();

        using HttpResponseMessage response = await client.GetAsync(server.Http + "/");

        Assert.Equal("body", await response.Content.ReadAsStringAsync());
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
    }

    [Fact]
    public async Task A_handler_that_throws_before_starting_gives_500_and_the_connection_goes_on()
    {
        await using TestServer server = await TestServer.StartAsync(context =>
            context.Path == "/boom" ? throw new InvalidOperationException("boom") : Hello(context));
        using HttpClient client = TestServer.PriorKnowledgeClient();

        using HttpResponseMessage failed = await client.GetAsync(server.Http + "/boom");
        using HttpResponseMessage ok = await client.GetAsync(server.Http + "/fine");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal("hello GET /fine", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_reset_cancels_RequestAborted()
    {
        var aborted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestServer server = await TestServer.StartAsync(async context =>
        {
            await context.StartAsync();
            await context.ResponseBodyWriter.FlushAsync();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted);
                aborted.TrySetResult(false);
            }
            catch (OperationCanceledException)
            {
                aborted.TrySetResult(true);
            }
        });
        using HttpClient client = TestServer.PriorKnowledgeClient();
        using var cts = new CancellationTokenSource();
        using HttpResponseMessage response = await client.GetAsync(server.Http + "/", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Stream body = await response.Content.ReadAsStreamAsync();

        await cts.CancelAsync();
        body.Dispose(); // sends RST_STREAM CANCEL

        Assert.True(await aborted.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
