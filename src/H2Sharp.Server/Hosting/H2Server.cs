using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
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
    private readonly List<IPEndPoint> _bound = [];
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly ConcurrentDictionary<H2ServerConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private ServerServices? _services;
    private ServerLog? _log;
    private Meter? _meter;
    private Timer? _heartbeat;
    private long _accepted;
    private int _started;
    private int _stopped;

    // The kernel's queue of connections not yet accepted: bursts of connects (h2load -c 50) fit.
    private const int ListenBacklog = 512;

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
    public IReadOnlyList<IPEndPoint> BoundEndPoints => _bound;

    /// <summary>The number of connections open now.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds every endpoint and starts accepting connections.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when every listener is bound.</returns>
    /// <exception cref="InvalidOperationException">No endpoint is configured, or the server was already started.</exception>
    /// <exception cref="System.Net.Sockets.SocketException">An endpoint could not be bound (e.g. the port is in use).</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The server was already started; make a new H2Server to start again.");
        }
        if (Options.ListenOptions.Count == 0)
        {
            throw new InvalidOperationException("No endpoint to listen on: call Listen, ListenLocalhost or ListenAnyIP on the options first.");
        }
        cancellationToken.ThrowIfCancellationRequested();
        H2ServerLimits limits = Options.Limits;
        var core = new H2Configuration
        {
            ClientSide = false,
            InitialWindowSize = limits.InitialStreamWindowSize,
            InitialConnectionWindowSize = limits.InitialConnectionWindowSize,
            MaxConcurrentStreams = (uint)limits.MaxStreamsPerConnection,
            MaxHeaderListSize = (uint)limits.MaxRequestHeadersTotalSize,
            MaxFrameSize = limits.MaxFrameSize,
            HeaderTableSize = limits.HeaderTableSize,
            EnableConnectProtocol = Options.EnableConnectProtocol,
        };
        ILogger logger = _loggerFactory?.CreateLogger("H2Sharp.Server") ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _log = new ServerLog(logger);
        _meter = _meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _services = new ServerServices(_application, limits, core, _log, new ServerMetrics(_meter), c => _connections.TryRemove(c, out _));
        try
        {
            foreach (H2ListenOptions listen in Options.ListenOptions)
            {
                var socket = new Socket(listen.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    if (listen.EndPoint.Address.Equals(IPAddress.IPv6Any))
                    {
                        socket.DualMode = true;
                    }
                    socket.Bind(listen.EndPoint);
                    socket.Listen(ListenBacklog);
                }
                catch (SocketException) when (listen.OptionalBind)
                {
                    socket.Dispose();
                    continue;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
                _listeners.Add(socket);
                var bound = (IPEndPoint)socket.LocalEndPoint!;
                _bound.Add(bound);
                _log.Listening(bound.ToString(), listen.IsTls ? "TLS, ALPN h2" : listen.Protocols.ToString());
                _acceptLoops.Add(AcceptLoopAsync(socket, listen));
            }
        }
        catch
        {
            foreach (Socket socket in _listeners)
            {
                socket.Dispose();
            }
            throw;
        }
        _heartbeat = new Timer(static s => ((H2Server)s!).Heartbeat(), this, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully: stops accepting, sends every connection GOAWAY (NO_ERROR, the last
    /// stream id it will serve), lets streams in flight finish for up to
    /// <see cref="H2ServerOptions.ShutdownTimeout"/> or until <paramref name="cancellationToken"/>
    /// is cancelled, then closes what is left (their requests see RequestAborted).
    /// </summary>
    /// <param name="cancellationToken">Cut the drain short.</param>
    /// <returns>A task that completes when every connection is closed.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _services is null)
        {
            return;
        }
        _stopping.Cancel();
        foreach (Socket socket in _listeners)
        {
            socket.Dispose();
        }
        try
        {
            await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The listeners were closed under the loops.
        }
        foreach (H2ServerConnection connection in _connections.Keys)
        {
            connection.Shutdown();
        }
        Task drained = Task.WhenAll(Snapshot());
        try
        {
            await drained.WaitAsync(Options.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            foreach (H2ServerConnection connection in _connections.Keys)
            {
                connection.Abort();
            }
            await Task.WhenAll(Snapshot()).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
        if (_heartbeat is not null)
        {
            await _heartbeat.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server (at once, without draining, if it was not stopped) and frees its resources.</summary>
    /// <returns>A task that completes when everything is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync().ConfigureAwait(false);
            await StopAsync(now.Token).ConfigureAwait(false);
        }
        _meter?.Dispose();
        _stopping.Dispose();
    }

    private Task[] Snapshot()
    {
        var tasks = new List<Task>();
        foreach (H2ServerConnection connection in _connections.Keys)
        {
            tasks.Add(connection.Completion);
        }
        return [.. tasks];
    }

    private void Heartbeat()
    {
        foreach (H2ServerConnection connection in _connections.Keys)
        {
            connection.Tick();
        }
    }

    private async Task AcceptLoopAsync(Socket listener, H2ListenOptions listen)
    {
        CancellationToken stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }
            if (Options.Limits.MaxConcurrentConnections is long max && Interlocked.Read(ref _accepted) >= max)
            {
                _services!.Metrics.ConnectionRejected();
                _log!.ConnectionRejected(max);
                socket.Dispose();
                continue;
            }
            Interlocked.Increment(ref _accepted);
            socket.NoDelay = true; // HTTP/2 frames are small and the server coalesces its own writes
            _ = ServeAsync(socket, listen);
        }
    }

    private async Task ServeAsync(Socket socket, H2ListenOptions listen)
    {
        var info = new H2ConnectionInfo(ConnectionIds.Next(), socket.LocalEndPoint as IPEndPoint, socket.RemoteEndPoint as IPEndPoint);
        Stream transport = new NetworkStream(socket, ownsSocket: true);
        bool handedOver = false;
        try
        {
            ReadOnlyMemory<byte> first = default;
            UpgradeRequest? upgrade = null;
            if (listen.HttpsOptions is H2HttpsOptions https)
            {
                SslStream? ssl = await TlsHandshake.AuthenticateAsync(transport, https, info, _services!, _stopping.Token).ConfigureAwait(false);
                if (ssl is null)
                {
                    return;
                }
                transport = ssl;
            }
            else
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                if (Options.Limits.RequestHeadersTimeout != Timeout.InfiniteTimeSpan)
                {
                    timeout.CancelAfter(Options.Limits.RequestHeadersTimeout);
                }
                var start = await CleartextStart.ReadAsync(transport, listen.Protocols, Options.Limits.MaxRequestHeadersTotalSize, timeout.Token).ConfigureAwait(false);
                if (start is null)
                {
                    return;
                }
                (first, upgrade) = start.Value;
                info.IsUpgraded = upgrade is not null;
            }
            var connection = new H2ServerConnection(_services!, transport, info);
            _connections.TryAdd(connection, 0);
            if (_stopping.IsCancellationRequested)
            {
                connection.Shutdown();
            }
            handedOver = true;
            connection.Start(first, upgrade);
            await connection.Completion.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or AuthenticationException)
        {
            _log!.TransportError(info.ConnectionId, e);
        }
        finally
        {
            Interlocked.Decrement(ref _accepted);
            if (!handedOver)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private sealed class DelegateApplication(Func<H2ServerRequestContext, ValueTask> handler) : IH2Application
    {
        public ValueTask HandleAsync(H2ServerRequestContext context) => handler(context);
    }
}
