using System;
using System.IO;
using System.Net.Http;
using System.Net.Security;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Http.Connections;

/// <summary>The handler's options, frozen at the first request and shared by every pool and connection.</summary>
internal sealed class HandlerSettings
{
    public SslClientAuthenticationOptions? SslOptions { get; init; }
    public TimeSpan ConnectTimeout { get; init; }
    public TimeSpan PooledConnectionLifetime { get; init; }
    public TimeSpan PooledConnectionIdleTimeout { get; init; }
    public TimeSpan KeepAlivePingDelay { get; init; }
    public TimeSpan KeepAlivePingTimeout { get; init; }
    public HttpKeepAlivePingPolicy KeepAlivePingPolicy { get; init; }
    public bool EnableMultipleHttp2Connections { get; init; }
    public int MaxConnectionsPerServer { get; init; }
    public int MaxResponseHeadersLength { get; init; }
    public int InitialStreamWindowSize { get; init; }
    public int InitialConnectionWindowSize { get; init; }
    public TimeSpan Expect100ContinueTimeout { get; init; }
    public bool UseH2cUpgrade { get; init; }
    public bool EnableServerPush { get; init; }
    public Action<H2SharpPushedResponse>? ServerPushReceived { get; init; }
    public Func<H2SharpConnectionContext, CancellationToken, ValueTask<Stream>>? ConnectCallback { get; init; }

    /// <summary>The header list limit in octets, as SETTINGS_MAX_HEADER_LIST_SIZE announces it.</summary>
    public uint MaxHeaderListOctets => (uint)MaxResponseHeadersLength * 1024u;
}
