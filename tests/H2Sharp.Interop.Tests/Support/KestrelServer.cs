using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// A real HTTP/2 server in-process: Kestrel on 127.0.0.1, HTTP/2 only, cleartext with prior
/// knowledge. <c>GET /hello</c> answers "hello from kestrel\n"; <c>POST /upload</c> answers the
/// body's length and SHA-256 (hex), so a client's upload is checked to the byte.
/// </summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<KestrelServer> StartAsync()
    {
        int port = Loopback.FreePort();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        WebApplication app = builder.Build();
        app.MapGet("/hello", () => Results.Text("hello from kestrel\n", "text/plain"));
        app.MapPost("/upload", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            string hash = Convert.ToHexStringLower(SHA256.HashData(body.ToArray()));
            return Results.Text($"{body.Length} {hash}\n", "text/plain");
        });
        await app.StartAsync();
        return new KestrelServer(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
