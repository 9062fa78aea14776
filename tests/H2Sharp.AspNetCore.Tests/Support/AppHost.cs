using System.Net;
using System.Net.Http;
using AspNetCoreServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace H2Sharp.AspNetCore.Tests;

/// <summary>An ASP.NET Core app started in the test process on 127.0.0.1 (a free port), stopped on dispose.</summary>
public sealed class AppHost : IAsyncDisposable
{
    /// <summary>How long any one network wait of a test may take before it fails.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private AppHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    /// <summary>The running app.</summary>
    public WebApplication App { get; }

    /// <summary>Its base address (http or https).</summary>
    public Uri Address { get; }

    /// <summary>Starts the sample (samples/AspNetCoreServer) cleartext on <paramref name="kind"/>.</summary>
    public static Task<AppHost> StartSampleAsync(ServerKind kind, params string[] extraArgs)
    {
        string[] args = [.. (kind == ServerKind.Kestrel ? new[] { "--kestrel" } : []), "--h2c", "0", .. extraArgs];
        return StartAsync(SampleApp.Build(args));
    }

    /// <summary>Starts the sample with TLS (self-signed) on <paramref name="kind"/>.</summary>
    public static Task<AppHost> StartSampleTlsAsync(ServerKind kind)
    {
        string[] args = [.. (kind == ServerKind.Kestrel ? new[] { "--kestrel" } : []), "--port", "0"];
        return StartAsync(SampleApp.Build(args));
    }

    /// <summary>Starts an app whose routes <paramref name="map"/> adds, cleartext HTTP/2 on <paramref name="kind"/>.</summary>
    public static Task<AppHost> StartAsync(ServerKind kind, Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        if (kind == ServerKind.Kestrel)
        {
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        }
        else
        {
            builder.WebHost.UseH2Sharp(o => o.Listen(IPAddress.Loopback, 0));
        }
        services?.Invoke(builder.Services);
        WebApplication app = builder.Build();
        map(app);
        return StartAsync(app);
    }

    private static async Task<AppHost> StartAsync(WebApplication app)
    {
        using var cts = new CancellationTokenSource(Timeout);
        await app.StartAsync(cts.Token);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppHost(app, new Uri(address));
    }

    /// <summary>An HttpClient speaking HTTP/2 only (prior knowledge on http, ALPN on https), accepting the self-signed certificate.</summary>
    public HttpClient CreateClient()
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        };
        return new HttpClient(handler)
        {
            BaseAddress = Address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = Timeout,
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        await App.StopAsync(cts.Token);
        await App.DisposeAsync();
    }
}
