using System;
using H2Sharp.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Hosting;

/// <summary>Makes H2Sharp the server of an ASP.NET Core host (in place of Kestrel).</summary>
public static class H2SharpWebHostBuilderExtensions
{
    /// <summary>Serves the app with H2Sharp, on the host's URLs.</summary>
    /// <param name="builder">The web host builder (<c>builder.WebHost</c>).</param>
    /// <returns>The builder.</returns>
    public static IWebHostBuilder UseH2Sharp(this IWebHostBuilder builder) => builder.UseH2Sharp(static _ => { });

    /// <summary>Serves the app with H2Sharp, configured by <paramref name="configure"/> (endpoints, TLS, limits).</summary>
    /// <param name="builder">The web host builder (<c>builder.WebHost</c>).</param>
    /// <param name="configure">Configures the server: e.g. <c>options.Listen(IPAddress.Loopback, 5001, l => l.UseHttps(cert))</c>.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// Extended CONNECT (RFC 8441) is enabled before <paramref name="configure"/> runs, as on
    /// Kestrel, so that WebSockets over HTTP/2 work; set EnableConnectProtocol to false to refuse it.
    /// </remarks>
    public static IWebHostBuilder UseH2Sharp(this IWebHostBuilder builder, Action<H2ServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.ConfigureServices(services =>
        {
            services.AddSingleton<IServer, H2Sharp.AspNetCore.H2SharpServer>();
            services.Configure<H2ServerOptions>(static options => options.EnableConnectProtocol = true);
            services.Configure(configure);
        });
    }
}
