using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Http.Connections;

/// <summary>
/// The connections to one origin. The hot path (a connection that takes the request) reads one
/// volatile array and takes no lock; the lock is held only to open or drop a connection.
/// </summary>
internal sealed class ConnectionPool : IDisposable
{
    /// <summary>How many times one request may move to another connection (GOAWAY, REFUSED_STREAM) before it fails.</summary>
    private const int MaxRetries = 3;

    private readonly object _lock = new();
    private readonly HashSet<Http2Connection> _all = [];
    private volatile Http2Connection[] _available = [];
    private Task<Http2Connection>? _connecting;
    private bool _disposed;

    public ConnectionPool(PoolKey key, HandlerSettings settings)
    {
        Key = key;
        Settings = settings;
        bool defaultPort = key.Port == (key.Secure ? 443 : 80);
        string host = key.Host.Contains(':', StringComparison.Ordinal) ? "[" + key.Host + "]" : key.Host;
        Authority = Encoding.ASCII.GetBytes(defaultPort ? host : host + ":" + key.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public PoolKey Key { get; }

    public HandlerSettings Settings { get; }

    /// <summary>The :authority of requests without a Host header.</summary>
    public byte[] Authority { get; }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var exchange = new Http2Exchange(this, request, cancellationToken);
        Submit(exchange);
        return exchange.Task;
    }

    /// <summary>A request that could not run where it was (GOAWAY, REFUSED_STREAM, connection closed) tries another connection.</summary>
    public void Retry(Http2Exchange exchange)
    {
        if (exchange.Task.IsCompleted)
        {
            exchange.Finish();
            return;
        }

        if (++exchange.Retries > MaxRetries)
        {
            exchange.TrySetException(new HttpRequestException(HttpRequestError.ConnectionError,
                $"The request was not processed by the server on {MaxRetries + 1} HTTP/2 connections in a row (GOAWAY or REFUSED_STREAM each time); giving up."));
            exchange.Finish();
            return;
        }

        Submit(exchange);
    }

    public void OnUnavailable(Http2Connection connection)
    {
        lock (_lock)
        {
            _available = Array.FindAll(_available, c => c != connection);
        }
    }

    public void OnClosed(Http2Connection connection)
    {
        lock (_lock)
        {
            _available = Array.FindAll(_available, c => c != connection);
            _all.Remove(connection);
        }
    }

    public void Dispose()
    {
        Http2Connection[] all;
        lock (_lock)
        {
            _disposed = true;
            all = [.. _all];
            _available = [];
        }

        foreach (Http2Connection connection in all)
        {
            connection.Close();
        }
    }

    private void Submit(Http2Exchange exchange)
    {
        Http2Connection? connection = Pick(out _);
        if (connection is not null && connection.TrySubmit(exchange))
        {
            return;
        }

        _ = SubmitSlowAsync(exchange);
    }

    /// <summary>A connection for a new request; null when one must be opened.</summary>
    private Http2Connection? Pick(out bool mayOpen)
    {
        Http2Connection[] available = _available;
        mayOpen = available.Length == 0;
        if (!Settings.EnableMultipleHttp2Connections)
        {
            foreach (Http2Connection c in available)
            {
                if (c.IsAvailable)
                {
                    return c;
                }
            }

            mayOpen = true;
            return null;
        }

        Http2Connection? any = null;
        foreach (Http2Connection c in available)
        {
            if (c.IsAvailable)
            {
                if (c.HasCapacity)
                {
                    return c;
                }

                any ??= c;
            }
        }

        // All full: another connection if the limit allows, else queue on a full one.
        mayOpen = any is null || available.Length < Settings.MaxConnectionsPerServer;
        return mayOpen ? null : any;
    }

    private async Task SubmitSlowAsync(Http2Exchange exchange)
    {
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                Task<Http2Connection> connecting;
                lock (_lock)
                {
                    ObjectDisposedException.ThrowIf(_disposed, typeof(H2SharpHandler));
                    Http2Connection? existing = Pick(out _);
                    if (existing is not null && existing.TrySubmit(exchange))
                    {
                        return;
                    }

                    connecting = _connecting ??= ConnectAsync(exchange.Request);
                }

                Http2Connection connection = await connecting.WaitAsync(exchange.CancellationToken).ConfigureAwait(false);
                if (connection.TrySubmit(exchange))
                {
                    return;
                }

                if (attempt >= MaxRetries)
                {
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "New HTTP/2 connections closed before they could take the request.");
                }
            }
        }
        catch (OperationCanceledException e) when (exchange.CancellationToken.IsCancellationRequested)
        {
            exchange.TrySetCanceled(e.CancellationToken);
            exchange.Finish();
        }
        catch (Exception e)
        {
            exchange.TrySetException(e is HttpRequestException or ObjectDisposedException
                ? e
                : new HttpRequestException(HttpRequestError.ConnectionError, $"Connecting to {Key.Host}:{Key.Port} failed: {e.Message}", e));
            exchange.Finish();
        }
    }

    private async Task<Http2Connection> ConnectAsync(HttpRequestMessage request)
    {
        // Never complete under the caller's lock (it would clear _connecting before it is set).
        await Task.Yield();
        try
        {
            Stream transport = await TransportConnector.ConnectAsync(Key, Settings, request).ConfigureAwait(false);
            var connection = new Http2Connection(this, transport);
            if (!Key.Secure && Settings.UseH2cUpgrade)
            {
                try
                {
                    using var timeout = Settings.ConnectTimeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(Settings.ConnectTimeout);
                    await connection.UpgradeAsync(timeout?.Token ?? CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    await transport.DisposeAsync().ConfigureAwait(false);
                    if (e is HttpRequestException)
                    {
                        throw;
                    }

                    throw new HttpRequestException(HttpRequestError.ConnectionError, $"Upgrade: h2c with {Key.Host}:{Key.Port} failed: {e.Message}", e);
                }
            }

            lock (_lock)
            {
                if (_disposed)
                {
                    transport.Dispose();
                    throw new ObjectDisposedException(nameof(H2SharpHandler));
                }

                _all.Add(connection);
                _available = [.. _available, connection];
                _connecting = null;
            }

            connection.Start();
            return connection;
        }
        catch
        {
            lock (_lock)
            {
                _connecting = null;
            }

            throw;
        }
    }
}
