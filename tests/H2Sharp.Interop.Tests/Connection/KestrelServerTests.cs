using System.Globalization;
using System.Net;
using H2Sharp.Interop.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>H2Connection as a client against Kestrel in-process (127.0.0.1, HTTP/2 cleartext).</summary>
public sealed class KestrelServerTests : IAsyncLifetime
{
    private WebApplication? _app;
    private int _port;

    private string Authority => $"127.0.0.1:{_port}";

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.Run(Handle);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StartAsync(cts.Token);
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _port = new Uri(address).Port;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _app.StopAsync(cts.Token);
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public void Route_returns_its_body()
    {
        using var client = H2SocketDriver.ConnectClient(_port);
        H2StreamRecord r = client.SendRequest("GET", Authority, "/hello");
        client.RunUntil(() => r.Done);

        Assert.Equal("200", r.Status);
        Assert.Equal("text/plain", r.Get("content-type"));
        Assert.Equal("18", r.Get("content-length"));
        Assert.Equal("hello from kestrel", r.BodyText);
        Assert.Equal("Kestrel", r.Get("server"));
    }

    [Fact]
    public void Trailers_from_AppendTrailer_arrive_after_the_body()
    {
        using var client = H2SocketDriver.ConnectClient(_port);
        H2StreamRecord r = client.SendRequest("GET", Authority, "/trailers");
        client.RunUntil(() => r.Done);

        Assert.Equal("200", r.Status);
        Assert.Equal("body with trailers", r.BodyText);
        Assert.Equal(new[] { ("x-sum", "42"), ("x-end", "yes") }, H2StreamRecord.Pairs(r.Trailers));
    }

    [Fact]
    public void Request_body_is_echoed_across_windows_on_concurrent_streams()
    {
        using var client = H2SocketDriver.ConnectClient(_port);
        byte[] a = TestRoutes.Pattern(600_000), b = TestRoutes.Pattern(90_000).Reverse().ToArray();
        H2StreamRecord first = client.SendRequest("POST", Authority, "/echo", a);
        H2StreamRecord second = client.SendRequest("POST", Authority, "/echo", b,
            trailers: new List<HeaderField> { new("x-request-trailer", "t") });
        H2StreamRecord missing = client.SendRequest("GET", Authority, "/absent");
        client.RunUntil(() => first.Done && second.Done && missing.Done, timeoutSeconds: 30);

        Assert.Equal("600000", first.Get("x-received"));
        Assert.Equal(a, first.Body);
        Assert.Equal(b, second.Body);
        Assert.Equal("t", second.Get("x-trailer-seen"));
        Assert.Equal("404", missing.Status);
        Assert.Null(client.ConnectionError);
    }

    private static async Task Handle(HttpContext context)
    {
        HttpResponse response = context.Response;
        switch (context.Request.Path.Value)
        {
            case "/hello":
                response.ContentType = "text/plain";
                response.ContentLength = 18;
                await response.WriteAsync("hello from kestrel");
                break;
            case "/trailers":
                response.DeclareTrailer("x-sum");
                await response.WriteAsync("body with trailers");
                response.AppendTrailer("x-sum", "42");
                response.AppendTrailer("x-end", "yes");
                break;
            case "/echo":
                using (var buffer = new MemoryStream())
                {
                    await context.Request.Body.CopyToAsync(buffer);
                    response.Headers["x-received"] = buffer.Length.ToString(CultureInfo.InvariantCulture);
                    if (context.Request.SupportsTrailers() && context.Request.CheckTrailersAvailable())
                    {
                        response.Headers["x-trailer-seen"] = context.Request.GetTrailer("x-request-trailer").ToString();
                    }
                    response.ContentType = "application/octet-stream";
                    await response.Body.WriteAsync(buffer.ToArray());
                }
                break;
            default:
                response.StatusCode = 404;
                break;
        }
    }
}
