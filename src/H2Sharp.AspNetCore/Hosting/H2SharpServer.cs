using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using H2Sharp.Server;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace H2Sharp.AspNetCore;

/// <summary>
/// An ASP.NET Core server on H2Sharp: every request of an <see cref="H2Server"/> runs the
/// app's pipeline (minimal APIs, MVC, gRPC, WebSockets over HTTP/2). Enable it with
/// <c>builder.WebHost.UseH2Sharp(options => ...)</c> (Microsoft.AspNetCore.Hosting.H2SharpWebHostBuilderExtensions).
/// </summary>
/// <remarks>
/// HTTP/2 only: cleartext listeners take prior knowledge and h2c Upgrade, TLS listeners
/// negotiate ALPN "h2". Endpoints come from the options; when the options name none, from the
/// host's URLs (<c>--urls</c>, ASPNETCORE_URLS), else <c>http://localhost:5000</c>.
/// </remarks>
public sealed class H2SharpServer : IServer
{
    private readonly H2ServerOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IMeterFactory? _meterFactory;
    private readonly ServerAddressesFeature _addresses = new();
    private H2Server? _server;

    /// <summary>Creates the server (the host does this from DI).</summary>
    /// <param name="options">The server's options, as configured by UseH2Sharp.</param>
    /// <param name="loggerFactory">Where the server and the application errors log.</param>
    /// <param name="meterFactory">Where the server's meter comes from; null for its own.</param>
    public H2SharpServer(IOptions<H2ServerOptions> options, ILoggerFactory loggerFactory, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger("H2Sharp.AspNetCore");
        _meterFactory = meterFactory;
        Features = new FeatureCollection();
        Features.Set<IServerAddressesFeature>(_addresses);
    }

    /// <inheritdoc />
    /// <remarks>Holds <see cref="IServerAddressesFeature"/>: the URLs to bind before start, the bound addresses after.</remarks>
    public IFeatureCollection Features { get; }

    /// <summary>The options in use.</summary>
    public H2ServerOptions Options => _options;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The server was already started, or a URL cannot be bound.</exception>
    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        if (_server is not null)
        {
            throw new InvalidOperationException("The server has already been started.");
        }
        if (_options.ListenOptions.Count == 0)
        {
            AddressBinder.Bind(_options, _addresses.Addresses.Count != 0 ? _addresses.Addresses : [AddressBinder.DefaultAddress]);
        }

        var adapter = new HostingApplicationAdapter<TContext>(application, _logger);
        _server = new H2Server(_options, adapter, _loggerFactory, _meterFactory);
        await _server.StartAsync(cancellationToken).ConfigureAwait(false);

        _addresses.Addresses.Clear();
        IReadOnlyList<IPEndPoint> bound = _server.BoundEndPoints;
        for (int i = 0; i < bound.Count; i++)
        {
            bool tls = i < _options.ListenOptions.Count && _options.ListenOptions[i].IsTls;
            string address = (tls ? "https://" : "http://") + bound[i].ToString();
            _addresses.Addresses.Add(address);
            ServerLog.Listening(_logger, address);
        }
    }

    /// <inheritdoc />
    /// <remarks>Graceful: GOAWAY to every connection, in-flight requests finish until <paramref name="cancellationToken"/> fires or H2ServerOptions.ShutdownTimeout passes.</remarks>
    public Task StopAsync(CancellationToken cancellationToken) =>
        _server is null ? Task.CompletedTask : _server.StopAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        H2Server? server = _server;
        _server = null;
        server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
