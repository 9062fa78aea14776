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

    private KestrelApp(WebApplication app, int port, int tlsPort)
    {
        _app = app;
        Port = port;
        TlsPort = tlsPort;
    }

    public int Port { get; }

    public int TlsPort { get; }

    public Uri Http => new($"http://127.0.0.1:{Port}");

    public Uri Https => new($"https://localhost:{TlsPort}");

    public static async Task<KestrelApp> StartAsync()
    {
        int port = Loopback.FreePort();
        int tlsPort = Loopback.FreePort();
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
        });
        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.MapGrpcService<GreeterService>();
        app.MapGrpcService<NumbersService>();
        app.MapGet("/hello", () => Results.Text("hello from kestrel\n", "text/plain"));
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
        return new KestrelApp(app, port, tlsPort);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
