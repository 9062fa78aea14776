using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Server;

/// <summary>
/// An HTTP/2 server: listens on the endpoints of <see cref="H2ServerOptions"/>, runs one loop per
/// connection over an <see cref="H2Connection"/>, and calls the application for every request.
/// </summary>
/// <remarks>
/// Each connection has one owner task that reads the socket, feeds the connection, runs the
/// handlers' synchronous parts inline and writes everything they produced in one socket write;
/// handlers that go asynchronous hand their writes to the owner through a lock-free queue.
/// Logging goes to the category <c>H2Sharp.Server</c>; metrics to the meter <see cref="MeterName"/>
/// (docs/server.md lists the instruments).
/// </remarks>
public sealed class H2Server : IAsyncDisposable
{
    /// <summary>The name of the <see cref="Meter"/> the server's instruments belong to.</summary>
    public const string MeterName = "H2Sharp.Server";

    private readonly IH2Application _application;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly IMeterFactory? _meterFactory;

    /// <summary>Creates a server that calls <paramref name="application"/> for each request.</summary>
    /// <param name="options">Endpoints, limits and TLS; read at <see cref="StartAsync"/>.</param>
    /// <param name="application">The request handler.</param>
    /// <param name="loggerFactory">Where to log; null for no logging.</param>
    /// <param name="meterFactory">Where the meter comes from (DI's <see cref="IMeterFactory"/>); null for a meter of the server's own.</param>
    public H2Server(H2ServerOptions options, IH2Application application, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(application);
        Options = options;
        _application = application;
        _loggerFactory = loggerFactory;
        _meterFactory = meterFactory;
    }

    /// <summary>Creates a server that calls <paramref name="handler"/> for each request.</summary>
    /// <param name="options">Endpoints, limits and TLS; read at <see cref="StartAsync"/>.</param>
    /// <param name="handler">The request handler (see <see cref="IH2Application.HandleAsync"/>).</param>
    /// <param name="loggerFactory">Where to log; null for no logging.</param>
    /// <param name="meterFactory">Where the meter comes from; null for a meter of the server's own.</param>
    public H2Server(H2ServerOptions options, Func<H2ServerRequestContext, ValueTask> handler, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
        : this(options, new DelegateApplication(handler ?? throw new ArgumentNullException(nameof(handler))), loggerFactory, meterFactory)
    {
    }

    /// <summary>The options the server was made with.</summary>
    public H2ServerOptions Options { get; }

    /// <summary>The endpoints actually bound (port 0 resolved), in the order of <see cref="H2ServerOptions.ListenOptions"/>; empty before <see cref="StartAsync"/>.</summary>
    public IReadOnlyList<IPEndPoint> BoundEndPoints => throw new NotImplementedException();

    /// <summary>Binds every endpoint and starts accepting connections.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when every listener is bound.</returns>
    /// <exception cref="InvalidOperationException">No endpoint is configured, or the server was already started.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">An endpoint could not be bound (e.g. the port is in use).</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>
    /// Stops gracefully: stops accepting, sends every connection GOAWAY (NO_ERROR, the last
    /// stream id it will serve), lets streams in flight finish for up to
    /// <see cref="H2ServerOptions.ShutdownTimeout"/> or until <paramref name="cancellationToken"/>
    /// is cancelled, then closes what is left (their requests see RequestAborted).
    /// </summary>
    /// <param name="cancellationToken">Cut the drain short.</param>
    /// <returns>A task that completes when every connection is closed.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <summary>Stops the server (at once, without draining, if it was not stopped) and frees its resources.</summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public ValueTask DisposeAsync() => throw new NotImplementedException();

    private sealed class DelegateApplication(Func<H2ServerRequestContext, ValueTask> handler) : IH2Application
    {
        public ValueTask HandleAsync(H2ServerRequestContext context) => handler(context);
    }
}
