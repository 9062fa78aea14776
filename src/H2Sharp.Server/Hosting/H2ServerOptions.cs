using System;
using System.Collections.Generic;
using System.Net;

namespace H2Sharp.Server;

/// <summary>
/// What an <see cref="H2Server"/> listens on and how it behaves (Kestrel's <c>KestrelServerOptions</c>).
/// Set everything before <see cref="H2Server.StartAsync"/>; changes after it are not seen.
/// </summary>
public sealed class H2ServerOptions
{
    private readonly List<H2ListenOptions> _listeners = [];
    private Action<H2ListenOptions>? _endpointDefaults;

    /// <summary>The limits that protect the server (connections, timeouts, sizes, rates, HTTP/2 windows).</summary>
    public H2ServerLimits Limits { get; } = new();

    /// <summary>The endpoints configured so far, in order.</summary>
    public IReadOnlyList<H2ListenOptions> ListenOptions => _listeners;

    /// <summary>
    /// How long <see cref="H2Server.StopAsync"/> lets streams in flight finish after the GOAWAY
    /// before it closes their connections. Default 30 seconds (the .NET host's default shutdown
    /// timeout): long enough for ordinary requests, short enough that a deploy does not hang on a
    /// stuck stream. A cancelled token given to StopAsync cuts it short.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether SETTINGS_ENABLE_CONNECT_PROTOCOL is advertised (RFC 8441), letting clients send
    /// extended CONNECT requests (<c>:protocol</c>, e.g. WebSockets over HTTP/2; see
    /// <see cref="H2ServerRequestContext.Protocol"/>). Default false: such requests are reset
    /// with PROTOCOL_ERROR, as RFC 8441 section 4 requires of a server that did not advertise it.
    /// </summary>
    public bool EnableConnectProtocol { get; set; }

    internal Action<H2HttpsOptions>? HttpsDefaults { get; private set; }

    /// <summary>Listens on <paramref name="endPoint"/> in cleartext (prior knowledge and h2c Upgrade) unless <paramref name="configure"/> says otherwise.</summary>
    /// <param name="endPoint">The address and port (port 0: any free port).</param>
    /// <param name="configure">Sets the listener's protocols or TLS; null for the defaults.</param>
    public void Listen(IPEndPoint endPoint, Action<H2ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var listen = new H2ListenOptions(this, endPoint);
        _endpointDefaults?.Invoke(listen);
        configure?.Invoke(listen);
        _listeners.Add(listen);
    }

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/>.</summary>
    /// <param name="address">The address.</param>
    /// <param name="port">The port (0: any free port).</param>
    /// <param name="configure">Sets the listener's protocols or TLS; null for the defaults.</param>
    public void Listen(IPAddress address, int port, Action<H2ListenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        Listen(new IPEndPoint(address, port), configure);
    }

    /// <summary>
    /// Listens on the loopback interface, 127.0.0.1 (and [::1] when the machine has IPv6 loopback;
    /// it is skipped quietly otherwise). A fixed port is needed: both addresses share it.
    /// </summary>
    /// <param name="port">The port, 1 to 65535.</param>
    /// <param name="configure">Sets each listener's protocols or TLS; null for the defaults.</param>
    public void ListenLocalhost(int port, Action<H2ListenOptions>? configure = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        Listen(new IPEndPoint(IPAddress.Loopback, port), configure);
        if (System.Net.Sockets.Socket.OSSupportsIPv6)
        {
            Listen(new IPEndPoint(IPAddress.IPv6Loopback, port), listen =>
            {
                listen.OptionalBind = true;
                configure?.Invoke(listen);
            });
        }
    }

    /// <summary>Listens on every IPv4 and IPv6 interface (<see cref="IPAddress.IPv6Any"/>, dual mode).</summary>
    /// <param name="port">The port (0: any free port).</param>
    /// <param name="configure">Sets the listener's protocols or TLS; null for the defaults.</param>
    public void ListenAnyIP(int port, Action<H2ListenOptions>? configure = null) =>
        Listen(System.Net.Sockets.Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any, port, configure);

    /// <summary>Sets what every later <see cref="Listen(IPEndPoint, Action{H2ListenOptions}?)"/> starts from.</summary>
    /// <param name="configure">Applied to each new listener before its own configuration.</param>
    public void ConfigureEndpointDefaults(Action<H2ListenOptions> configure) =>
        _endpointDefaults = configure ?? throw new ArgumentNullException(nameof(configure));

    /// <summary>Sets what every later <c>UseHttps</c> starts from (e.g. one certificate for all TLS listeners).</summary>
    /// <param name="configure">Applied to each listener's TLS options before its own configuration.</param>
    public void ConfigureHttpsDefaults(Action<H2HttpsOptions> configure) =>
        HttpsDefaults = configure ?? throw new ArgumentNullException(nameof(configure));
}
