using Microsoft.Extensions.Logging;

namespace H2Sharp;

/// <summary>The options of the protocol extensions: logging, extended CONNECT, RFC 9218 priorities.</summary>
public sealed partial class H2Configuration
{
    /// <summary>
    /// Where the connection traces every frame it sends and receives, at <see cref="LogLevel.Trace"/>,
    /// one readable line per frame (h2's <c>logger</c>). Null (the default) for no logging. Nothing is
    /// formatted unless the logger has Trace enabled, so a logger left at Information costs one
    /// <see cref="ILogger.IsEnabled"/> call per batch of frames.
    /// </summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// SETTINGS_ENABLE_CONNECT_PROTOCOL we advertise (RFC 8441): true lets the peer (a client) send
    /// extended CONNECT requests with a <c>:protocol</c> pseudo-header, e.g. WebSockets over HTTP/2.
    /// Default false: such requests are reset with PROTOCOL_ERROR. Once advertised it cannot be
    /// withdrawn ("A sender MUST NOT send a SETTINGS_ENABLE_CONNECT_PROTOCOL parameter with the value
    /// of 0 after previously sending a value of 1").
    /// </summary>
    public bool EnableConnectProtocol { get; init; }

    /// <summary>
    /// Whether we send SETTINGS_NO_RFC7540_PRIORITIES = 1 in our first SETTINGS frame (RFC 9218
    /// section 2.1): we neither use nor want RFC 7540 priority signals (PRIORITY frames and the
    /// priority fields of HEADERS). A server that sends it, or receives it from the client, stops
    /// reporting those signals as <see cref="Events.PriorityUpdated"/> events (the frames are still
    /// checked). Default false: the setting is not sent (its initial value 0 holds), because the
    /// stack cannot know whether the application acts on RFC 7540 signals; set it when it does not
    /// and the application uses PRIORITY_UPDATE or the Priority header field instead. Either side
    /// sending it also puts RFC 9218 in use: only then is a received frame of type 0x10 a
    /// PRIORITY_UPDATE (<see cref="Events.PriorityUpdateReceived"/> on a server, a connection error
    /// on a client); otherwise it is an unknown frame (<see cref="Events.UnknownFrameReceived"/>), as in h2.
    /// </summary>
    public bool NoRfc7540Priorities { get; init; }
}
