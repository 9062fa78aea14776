using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;
using H2Sharp.Http.Connections;

namespace H2Sharp.Http;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that speaks HTTP/2 only, over H2Sharp: prior knowledge
/// for <c>http://</c>, TLS with ALPN "h2" for <c>https://</c>. Requests to one authority are
/// multiplexed over one connection. Give it to <see cref="HttpClient"/> or to
/// Grpc.Net.Client's <c>GrpcChannelOptions.HttpHandler</c>.
/// </summary>
/// <remarks>
/// Option names follow <see cref="SocketsHttpHandler"/> where the meaning is the same. Options
/// cannot change once the first request was sent. Decompression is left to the caller (or a
/// <see cref="DelegatingHandler"/>), as with SocketsHttpHandler's default.
/// </remarks>
public sealed class H2SharpHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<PoolKey, ConnectionPool> _pools = new();
    private HandlerSettings? _settings;
    private SslClientAuthenticationOptions? _sslOptions;
    private TimeSpan _connectTimeout = Timeout.InfiniteTimeSpan;
    private TimeSpan _pooledConnectionLifetime = Timeout.InfiniteTimeSpan;
    private TimeSpan _pooledConnectionIdleTimeout = TimeSpan.FromMinutes(1);
    private TimeSpan _keepAlivePingDelay = Timeout.InfiniteTimeSpan;
    private TimeSpan _keepAlivePingTimeout = TimeSpan.FromSeconds(20);
    private HttpKeepAlivePingPolicy _keepAlivePingPolicy = HttpKeepAlivePingPolicy.Always;
    private bool _enableMultipleHttp2Connections;
    private int _maxConnectionsPerServer = int.MaxValue;
    private int _maxResponseHeadersLength = 64;
    private int _initialHttp2StreamWindowSize = 1024 * 1024;
    private int _initialHttp2ConnectionWindowSize = 16 * 1024 * 1024;
    private TimeSpan _expect100ContinueTimeout = TimeSpan.FromSeconds(1);
    private bool _enableServerPush;
    private bool _useH2cUpgrade;
    private Action<H2SharpPushedResponse>? _serverPushReceived;
    private Func<H2SharpConnectionContext, CancellationToken, ValueTask<Stream>>? _connectCallback;
    private volatile bool _disposed;

    /// <summary>
    /// TLS options for <c>https://</c> connections: <c>RemoteCertificateValidationCallback</c>,
    /// <c>ClientCertificates</c>, <c>LocalCertificateSelectionCallback</c>, protocols, ...
    /// <c>TargetHost</c> defaults to the request's host and <c>ApplicationProtocols</c> to "h2";
    /// a server that does not select "h2" fails the request.
    /// </summary>
    public SslClientAuthenticationOptions SslOptions
    {
        get => _sslOptions ??= new SslClientAuthenticationOptions();
        set { CheckNotStarted(); _sslOptions = value; }
    }

    /// <summary>How long opening a connection (TCP and TLS) may take; infinite by default.</summary>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        set { CheckTimeout(value, allowZero: false); CheckNotStarted(); _connectTimeout = value; }
    }

    /// <summary>How long a connection may be reused for new requests; infinite by default. An older connection finishes its requests and closes.</summary>
    public TimeSpan PooledConnectionLifetime
    {
        get => _pooledConnectionLifetime;
        set { CheckTimeout(value, allowZero: true); CheckNotStarted(); _pooledConnectionLifetime = value; }
    }

    /// <summary>How long a connection with no request may stay open; one minute by default.</summary>
    public TimeSpan PooledConnectionIdleTimeout
    {
        get => _pooledConnectionIdleTimeout;
        set { CheckTimeout(value, allowZero: true); CheckNotStarted(); _pooledConnectionIdleTimeout = value; }
    }

    /// <summary>After how long without a frame from the server a keep-alive PING is sent; infinite (off) by default.</summary>
    public TimeSpan KeepAlivePingDelay
    {
        get => _keepAlivePingDelay;
        set { CheckTimeout(value, allowZero: false); CheckNotStarted(); _keepAlivePingDelay = value; }
    }

    /// <summary>How long the PING ACK may take before the connection is closed as dead; 20 seconds by default.</summary>
    public TimeSpan KeepAlivePingTimeout
    {
        get => _keepAlivePingTimeout;
        set { CheckTimeout(value, allowZero: false); CheckNotStarted(); _keepAlivePingTimeout = value; }
    }

    /// <summary>Whether keep-alive PINGs are sent always or only while requests are active; always by default.</summary>
    public HttpKeepAlivePingPolicy KeepAlivePingPolicy
    {
        get => _keepAlivePingPolicy;
        set { CheckNotStarted(); _keepAlivePingPolicy = value; }
    }

    /// <summary>
    /// Whether another connection is opened when the server's SETTINGS_MAX_CONCURRENT_STREAMS is
    /// reached; false by default (requests wait for a stream on the one connection).
    /// </summary>
    public bool EnableMultipleHttp2Connections
    {
        get => _enableMultipleHttp2Connections;
        set { CheckNotStarted(); _enableMultipleHttp2Connections = value; }
    }

    /// <summary>The most connections to one authority (with <see cref="EnableMultipleHttp2Connections"/>); unlimited by default.</summary>
    public int MaxConnectionsPerServer
    {
        get => _maxConnectionsPerServer;
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1); CheckNotStarted(); _maxConnectionsPerServer = value; }
    }

    /// <summary>
    /// The largest response header list, in KiB (name + value + 32 octets per field, RFC 9113
    /// SETTINGS_MAX_HEADER_LIST_SIZE, which announces it); 64 by default. A larger header block
    /// fails the request with <see cref="HttpRequestError.ConfigurationLimitExceeded"/>.
    /// </summary>
    public int MaxResponseHeadersLength
    {
        get => _maxResponseHeadersLength;
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 1); ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024 * 1024); CheckNotStarted(); _maxResponseHeadersLength = value; }
    }

    /// <summary>
    /// The receive window of each response stream (SETTINGS_INITIAL_WINDOW_SIZE), 65,535 to
    /// 2^31-1 octets; 1 MiB by default. It bounds what one response buffers while its reader is
    /// slow: credit goes back to the server only as the caller reads.
    /// </summary>
    public int InitialHttp2StreamWindowSize
    {
        get => _initialHttp2StreamWindowSize;
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 65_535); CheckNotStarted(); _initialHttp2StreamWindowSize = value; }
    }

    /// <summary>
    /// The connection's receive window (not in SocketsHttpHandler), 65,535 to 2^31-1 octets;
    /// 16 MiB by default. It is refilled as data arrives, so one slow reader does not stall the others.
    /// </summary>
    public int InitialHttp2ConnectionWindowSize
    {
        get => _initialHttp2ConnectionWindowSize;
        set { ArgumentOutOfRangeException.ThrowIfLessThan(value, 65_535); CheckNotStarted(); _initialHttp2ConnectionWindowSize = value; }
    }

    /// <summary>How long a request with <c>Expect: 100-continue</c> waits for 100 before sending its body anyway; one second by default.</summary>
    public TimeSpan Expect100ContinueTimeout
    {
        get => _expect100ContinueTimeout;
        set { CheckTimeout(value, allowZero: true); CheckNotStarted(); _expect100ContinueTimeout = value; }
    }

    /// <summary>
    /// Not in SocketsHttpHandler: for <c>http://</c>, open each connection with an HTTP/1.1
    /// <c>OPTIONS /</c> request carrying <c>Upgrade: h2c</c> (RFC 7540 section 3.2) instead of
    /// the HTTP/2 preface (prior knowledge); false by default. For servers that take HTTP/1.1
    /// and HTTP/2 on one cleartext port only by upgrade. RFC 9113 deprecates the mechanism, and a
    /// server that does not answer 101 fails the request with
    /// <see cref="HttpRequestError.VersionNegotiationError"/>. Ignored for <c>https://</c> (ALPN).
    /// </summary>
    public bool UseH2cUpgrade
    {
        get => _useH2cUpgrade;
        set { CheckNotStarted(); _useH2cUpgrade = value; }
    }

    /// <summary>
    /// Not in SocketsHttpHandler: whether the server may push (SETTINGS_ENABLE_PUSH); false by
    /// default, so servers never push. When true, each promise is handed to
    /// <see cref="ServerPushReceived"/>, or reset with CANCEL when that is null.
    /// </summary>
    public bool EnableServerPush
    {
        get => _enableServerPush;
        set { CheckNotStarted(); _enableServerPush = value; }
    }

    /// <summary>Called (on the connection's loop: return quickly) for each pushed response when <see cref="EnableServerPush"/> is true.</summary>
    public Action<H2SharpPushedResponse>? ServerPushReceived
    {
        get => _serverPushReceived;
        set { CheckNotStarted(); _serverPushReceived = value; }
    }

    /// <summary>
    /// Opens the transport instead of a TCP connection to the host (a Unix socket, an in-memory
    /// pipe, a proxy tunnel...). For <c>https://</c> TLS runs over the returned stream.
    /// </summary>
    public Func<H2SharpConnectionContext, CancellationToken, ValueTask<Stream>>? ConnectCallback
    {
        get => _connectCallback;
        set { CheckNotStarted(); _connectCallback = value; }
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        Uri? uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("The request has no absolute RequestUri: set it, or set HttpClient.BaseAddress.");
        }

        bool secure;
        if (string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase) || string.Equals(uri.Scheme, "wss", StringComparison.OrdinalIgnoreCase))
        {
            secure = true;
        }
        else if (string.Equals(uri.Scheme, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(uri.Scheme, "ws", StringComparison.OrdinalIgnoreCase))
        {
            secure = false;
        }
        else
        {
            throw new NotSupportedException($"The '{uri.Scheme}' scheme is not supported: H2SharpHandler speaks http:// and https://.");
        }

        if (VersionCheck.Refusal(request) is { } refusal)
        {
            return Task.FromException<HttpResponseMessage>(refusal);
        }

        HandlerSettings settings = _settings ?? Freeze();
        ConnectionPool pool = GetPool(new PoolKey(secure, uri.IdnHost, uri.Port), settings);
        return pool.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            foreach (ConnectionPool pool in _pools.Values)
            {
                pool.Dispose();
            }

            _pools.Clear();
        }

        base.Dispose(disposing);
    }

    private ConnectionPool GetPool(PoolKey key, HandlerSettings settings)
    {
        if (_pools.TryGetValue(key, out ConnectionPool? pool))
        {
            return pool;
        }

        pool = _pools.GetOrAdd(key, static (k, s) => new ConnectionPool(k, s), settings);
        if (_disposed)
        {
            pool.Dispose();
            throw new ObjectDisposedException(nameof(H2SharpHandler));
        }

        return pool;
    }

    private HandlerSettings Freeze()
    {
        var settings = new HandlerSettings
        {
            SslOptions = _sslOptions,
            ConnectTimeout = _connectTimeout,
            PooledConnectionLifetime = _pooledConnectionLifetime,
            PooledConnectionIdleTimeout = _pooledConnectionIdleTimeout,
            KeepAlivePingDelay = _keepAlivePingDelay,
            KeepAlivePingTimeout = _keepAlivePingTimeout,
            KeepAlivePingPolicy = _keepAlivePingPolicy,
            EnableMultipleHttp2Connections = _enableMultipleHttp2Connections,
            MaxConnectionsPerServer = _maxConnectionsPerServer,
            MaxResponseHeadersLength = _maxResponseHeadersLength,
            InitialStreamWindowSize = _initialHttp2StreamWindowSize,
            InitialConnectionWindowSize = _initialHttp2ConnectionWindowSize,
            Expect100ContinueTimeout = _expect100ContinueTimeout,
            EnableServerPush = _enableServerPush,
            UseH2cUpgrade = _useH2cUpgrade,
            ServerPushReceived = _serverPushReceived,
            ConnectCallback = _connectCallback,
        };
        return Interlocked.CompareExchange(ref _settings, settings, null) ?? settings;
    }

    private void CheckNotStarted()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_settings is not null)
        {
            throw new InvalidOperationException("H2SharpHandler's options cannot change after the first request was sent: set them before.");
        }
    }

    private static void CheckTimeout(TimeSpan value, bool allowZero)
    {
        if (value == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero) || value.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, allowZero
                ? "Give a non-negative time span (at most int.MaxValue ms) or Timeout.InfiniteTimeSpan."
                : "Give a positive time span (at most int.MaxValue ms) or Timeout.InfiniteTimeSpan.");
        }
    }
}
