using System;
using System.Threading;

namespace H2Sharp.Server;

/// <summary>
/// The limits of an <see cref="H2Server"/> (Kestrel's <c>KestrelServerLimits</c> and
/// <c>Http2Limits</c> in one, since every connection here is HTTP/2). Each property's doc gives
/// its default and the reason for it; docs/server.md has the table.
/// </summary>
public sealed class H2ServerLimits
{
    private TimeSpan _keepAliveTimeout = TimeSpan.FromSeconds(130);
    private TimeSpan _requestHeadersTimeout = TimeSpan.FromSeconds(30);
    private TimeSpan _keepAlivePingDelay = Timeout.InfiniteTimeSpan;
    private TimeSpan _keepAlivePingTimeout = TimeSpan.FromSeconds(20);
    private long? _maxConcurrentConnections;
    private long? _maxRequestBodySize = 30_000_000;
    private long? _maxResponseBufferSize = 64 * 1024;
    private int _maxStreamsPerConnection = 100;
    private int _headerTableSize = 4096;
    private int _maxFrameSize = 16 * 1024;
    private int _maxRequestHeaderFieldSize = 16 * 1024;
    private int _maxRequestHeadersTotalSize = 32 * 1024;
    private int _initialConnectionWindowSize = 1024 * 1024;
    private int _initialStreamWindowSize = 768 * 1024;

    /// <summary>
    /// The most connections open at once; past it a new connection is closed as soon as it is
    /// accepted. Default null: no limit (Kestrel's), since the operating system's file limits
    /// and memory come first on most machines; set it to keep memory under a known bound.
    /// </summary>
    public long? MaxConcurrentConnections
    {
        get => _maxConcurrentConnections;
        set => _maxConcurrentConnections = value is null or > 0 ? value : throw Positive(nameof(MaxConcurrentConnections), value);
    }

    /// <summary>
    /// How long a connection may stay idle (no stream open, nothing received) before the server
    /// sends GOAWAY (NO_ERROR) and closes it. Default 130 seconds (Kestrel's): a little over two
    /// minutes, longer than common client pools keep idle connections, so the client usually
    /// closes first; idle sockets cost memory and a slot. <see cref="Timeout.InfiniteTimeSpan"/> for never.
    /// </summary>
    public TimeSpan KeepAliveTimeout
    {
        get => _keepAliveTimeout;
        set => _keepAliveTimeout = PositiveOrInfinite(value, nameof(KeepAliveTimeout));
    }

    /// <summary>
    /// How long the client may take to finish what it started: the connection preface and first
    /// request after connecting, and any frame or header block (HEADERS plus CONTINUATION) once
    /// begun. Past it: GOAWAY and close. Default 30 seconds (Kestrel's): stops slowloris clients
    /// that open many connections and send their headers a byte at a time.
    /// </summary>
    public TimeSpan RequestHeadersTimeout
    {
        get => _requestHeadersTimeout;
        set => _requestHeadersTimeout = PositiveOrInfinite(value, nameof(RequestHeadersTimeout));
    }

    /// <summary>
    /// The largest request body, in bytes; each request may change it before reading its body
    /// (<see cref="H2ServerRequestContext.MaxRequestBodySize"/>). A larger content-length, or more
    /// DATA: 413 if the response has not started (then RST_STREAM NO_ERROR), otherwise RST_STREAM
    /// CANCEL, and <see cref="H2BadRequestException"/> to the app reading it. Default 30,000,000
    /// (about 28.6 MiB, Kestrel's): big enough for form posts and uploads of ordinary files,
    /// small enough that a stream of junk is cut off. Null for no limit.
    /// </summary>
    public long? MaxRequestBodySize
    {
        get => _maxRequestBodySize;
        set => _maxRequestBodySize = value is null or >= 0 ? value : throw Positive(nameof(MaxRequestBodySize), value);
    }

    /// <summary>
    /// The least rate at which a request body must arrive while the app waits for it. Default
    /// 240 bytes per second after a 5 second grace period (Kestrel's): stops clients that hold
    /// streams and memory by trickling a body. Too slow: RST_STREAM CANCEL and
    /// <see cref="H2BadRequestException"/> (408) to the reader. Null for no minimum.
    /// </summary>
    public H2MinDataRate? MinRequestBodyDataRate { get; set; } = new(240, TimeSpan.FromSeconds(5));

    /// <summary>
    /// The least rate at which the client must take response data the app has written (the
    /// client's flow-control window is what it controls). Default 240 bytes per second after a
    /// 5 second grace period (Kestrel's): a client that stops reading must not pin a stream and
    /// its buffered response forever. Too slow: RST_STREAM CANCEL and the request aborted.
    /// Null for no minimum.
    /// </summary>
    public H2MinDataRate? MinResponseDataRate { get; set; } = new(240, TimeSpan.FromSeconds(5));

    /// <summary>
    /// How much written response body one stream may hold that the client's window has not let
    /// out yet; past it the app's FlushAsync waits. Default 64 KiB (Kestrel's
    /// <c>MaxResponseBufferSize</c>): a client that stops reading makes the server hold at most
    /// this per stream. Null for no limit (only for trusted clients).
    /// </summary>
    public long? MaxResponseBufferSize
    {
        get => _maxResponseBufferSize;
        set => _maxResponseBufferSize = value is null or > 0 ? value : throw Positive(nameof(MaxResponseBufferSize), value);
    }

    /// <summary>
    /// SETTINGS_MAX_CONCURRENT_STREAMS: the most requests one connection may have open at once.
    /// Default 100 (Kestrel's and RFC 9113 section 6.5.2's recommended minimum): enough for a
    /// browser page, and it bounds the memory and handler tasks one connection can demand.
    /// </summary>
    public int MaxStreamsPerConnection
    {
        get => _maxStreamsPerConnection;
        set => _maxStreamsPerConnection = value > 0 ? value : throw Positive(nameof(MaxStreamsPerConnection), value);
    }

    /// <summary>
    /// SETTINGS_HEADER_TABLE_SIZE: the HPACK dynamic table the client may make us keep. Default
    /// 4,096 bytes (the protocol's initial value): compression works well and each connection's
    /// table stays small. 0 turns the dynamic table off.
    /// </summary>
    public int HeaderTableSize
    {
        get => _headerTableSize;
        set => _headerTableSize = value >= 0 ? value : throw Positive(nameof(HeaderTableSize), value);
    }

    /// <summary>
    /// SETTINGS_MAX_FRAME_SIZE: the largest frame payload the client may send. Default 16,384
    /// (the protocol's minimum and initial value), which bounds what one partial frame makes us
    /// buffer. 16,384 to 16,777,215.
    /// </summary>
    public int MaxFrameSize
    {
        get => _maxFrameSize;
        set => _maxFrameSize = value is >= 16_384 and <= 16_777_215 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxFrameSize), value, "SETTINGS_MAX_FRAME_SIZE is 16,384 to 16,777,215 (RFC 9113 section 6.5.2).");
    }

    /// <summary>
    /// The largest single request header field (name plus value, decoded). Default 16 KiB
    /// (Kestrel's): real fields are far smaller; a larger one is answered 431. Stops one field
    /// from taking all of <see cref="MaxRequestHeadersTotalSize"/>.
    /// </summary>
    public int MaxRequestHeaderFieldSize
    {
        get => _maxRequestHeaderFieldSize;
        set => _maxRequestHeaderFieldSize = value > 0 ? value : throw Positive(nameof(MaxRequestHeaderFieldSize), value);
    }

    /// <summary>
    /// SETTINGS_MAX_HEADER_LIST_SIZE: the largest request header list (RFC 9113's measure: names,
    /// values and 32 bytes per field). Default 32 KiB (Kestrel's <c>MaxRequestHeadersTotalSize</c>):
    /// cookies and tokens fit; a larger list is reset by the core and an HPACK bomb stops the connection.
    /// </summary>
    public int MaxRequestHeadersTotalSize
    {
        get => _maxRequestHeadersTotalSize;
        set => _maxRequestHeadersTotalSize = value > 0 ? value : throw Positive(nameof(MaxRequestHeadersTotalSize), value);
    }

    /// <summary>
    /// The connection flow-control window: how much request body, over all streams, the client
    /// may send before the app consumes it. Default 1 MiB (Kestrel's): uploads run at full speed
    /// on fast links while one connection's unread bodies stay bounded. 65,535 to 2^31-1.
    /// </summary>
    public int InitialConnectionWindowSize
    {
        get => _initialConnectionWindowSize;
        set => _initialConnectionWindowSize = value >= 65_535 ? value
            : throw new ArgumentOutOfRangeException(nameof(InitialConnectionWindowSize), value, "The connection window is at least 65,535 (the protocol's initial value).");
    }

    /// <summary>
    /// SETTINGS_INITIAL_WINDOW_SIZE: how much body of one request the client may send before the
    /// app consumes it. Default 768 KiB (Kestrel's): the most the server buffers per unread
    /// stream. 65,535 to 2^31-1.
    /// </summary>
    public int InitialStreamWindowSize
    {
        get => _initialStreamWindowSize;
        set => _initialStreamWindowSize = value >= 65_535 ? value
            : throw new ArgumentOutOfRangeException(nameof(InitialStreamWindowSize), value, "The stream window is at least 65,535 here (smaller windows make uploads crawl).");
    }

    /// <summary>
    /// After this long without receiving anything, the server sends a PING to check the client is
    /// still there. Default <see cref="Timeout.InfiniteTimeSpan"/>: off (Kestrel's), since
    /// <see cref="KeepAliveTimeout"/> already ends idle connections; turn it on to find dead peers
    /// behind NATs and proxies that drop quiet connections without a FIN.
    /// </summary>
    public TimeSpan KeepAlivePingDelay
    {
        get => _keepAlivePingDelay;
        set => _keepAlivePingDelay = PositiveOrInfinite(value, nameof(KeepAlivePingDelay));
    }

    /// <summary>
    /// How long the answer to a keep-alive PING may take before the connection is closed.
    /// Default 20 seconds (Kestrel's): far above any round trip, short enough to free the slot.
    /// </summary>
    public TimeSpan KeepAlivePingTimeout
    {
        get => _keepAlivePingTimeout;
        set => _keepAlivePingTimeout = PositiveOrInfinite(value, nameof(KeepAlivePingTimeout));
    }

    private static TimeSpan PositiveOrInfinite(TimeSpan value, string name) =>
        value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan ? value
            : throw new ArgumentOutOfRangeException(name, value, "Give a positive time, or Timeout.InfiniteTimeSpan for none.");

    private static ArgumentOutOfRangeException Positive(string name, object? value) =>
        new(name, value, "The limit must be positive (or null where the property allows it, for no limit).");
}
