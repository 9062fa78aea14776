using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Http.Tests.Support;

/// <summary>
/// Kestrel in-process on 127.0.0.1, HTTP/2 only: cleartext (prior knowledge) and TLS (ALPN h2)
/// on two ports, minimal-API routes for the HTTP cases, the gRPC services, and a WebSocket echo.
/// </summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelApp(WebApplication app, int port, int tlsPort, int clientCertPort, int http1TlsPort)
    {
        _app = app;
        Port = port;
        TlsPort = tlsPort;
        ClientCertPort = clientCertPort;
        Http1TlsPort = http1TlsPort;
    }

    /// <summary>TLS, HTTP/2, a client certificate required (any is accepted; /client-cert names it).</summary>
    public int ClientCertPort { get; }

    /// <summary>TLS with HTTP/1.1 only: ALPN never selects "h2".</summary>
    public int Http1TlsPort { get; }

    public int Port { get; }

    public int TlsPort { get; }

    public Uri Http => new($"http://127.0.0.1:{Port}");

    public Uri Https => new($"https://localhost:{TlsPort}");

    public static async Task<KestrelApp> StartAsync()
    {
        int port = Loopback.FreePort();
        int tlsPort = Loopback.FreePort();
        int clientCertPort = Loopback.FreePort();
        int http1TlsPort = Loopback.FreePort();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = null;
            options.Limits.Http2.MaxStreamsPerConnection = 100;
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
            options.Listen(IPAddress.Loopback, tlsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(TestCertificate.Certificate);
            });
            options.Listen(IPAddress.Loopback, clientCertPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = TestCertificate.Certificate;
                    https.ClientCertificateMode = Microsoft.AspNetCore.Server.Kestrel.Https.ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (_, _, _) => true; // self-signed: the route checks which one came
                });
            });
            options.Listen(IPAddress.Loopback, http1TlsPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(TestCertificate.Certificate);
            });
        });
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.MapGrpcService<GreeterService>();
        app.MapGrpcService<NumbersService>();
        app.MapGet("/hello", () => Results.Text("hello from kestrel\n", "text/plain"));
        app.MapGet("/client-cert", (HttpContext context) =>
            Results.Text(context.Connection.ClientCertificate?.Subject ?? "none", "text/plain"));
        app.MapGet("/gzip", async (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(Gzipped("compressed hello"));
        });
        app.MapGet("/protocol", (HttpRequest request) => Results.Text(request.Protocol, "text/plain"));
        app.MapGet("/echo-headers", (HttpRequest request) =>
            Results.Text(string.Join("\n", request.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + ": " + h.Value)), "text/plain"));
        app.MapGet("/download/{size:int}", async (HttpContext context, int size) =>
        {
            context.Response.ContentType = "application/octet-stream";
            context.Response.ContentLength = size;
            byte[] body = Loopback.Pattern(size);
            await context.Response.Body.WriteAsync(body);
        });
        app.MapPost("/upload", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            string hash = Convert.ToHexStringLower(SHA256.HashData(body.ToArray()));
            return Results.Text($"{body.Length} {hash}", "text/plain");
        });
        app.MapGet("/trailers", async (HttpContext context) =>
        {
            context.Response.DeclareTrailer("x-checksum");
            await context.Response.WriteAsync("body before trailers");
            context.Response.AppendTrailer("x-checksum", "abc123");
            context.Response.AppendTrailer("x-count", "2");
        });
        app.MapGet("/reset", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("partial");
            await context.Response.Body.FlushAsync();
            await Task.Delay(50);
            context.Features.Get<IHttpResetFeature>()!.Reset(0x2); // INTERNAL_ERROR
        });
        app.MapGet("/reset-before-headers", (HttpContext context) =>
        {
            context.Features.Get<IHttpResetFeature>()!.Reset(0xb); // ENHANCE_YOUR_CALM
            return Task.CompletedTask;
        });
        app.MapGet("/slow/{ms:int}", async (int ms, CancellationToken aborted) =>
        {
            await Task.Delay(ms, aborted);
            return Results.Text("slow done", "text/plain");
        });
        app.Map("/ws", async (HttpContext context) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[4096];
            while (true)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                await socket.SendAsync(buffer.AsMemory(0, result.Count), result.MessageType, result.EndOfMessage, CancellationToken.None);
            }
        });
        await app.StartAsync();
        return new KestrelApp(app, port, tlsPort, clientCertPort, http1TlsPort);
    }

    /// <summary>The gzip encoding of the text (what /gzip sends, so tests compare bytes).</summary>
    public static byte[] Gzipped(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
