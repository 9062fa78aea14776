using System;
using System.Text;

namespace H2Sharp.Headers;

/// <summary>
/// The connection-specific header fields of RFC 9113 section 8.2.2 (Connection and those RFC 9110
/// section 7.6.1 lists), which HTTP/2 forbids, and the one exception, TE.
/// </summary>
internal static class ConnectionSpecificHeaders
{
    /// <summary><c>connection</c>.</summary>
    public static ReadOnlySpan<byte> Connection => "connection"u8;
    /// <summary><c>keep-alive</c>.</summary>
    public static ReadOnlySpan<byte> KeepAlive => "keep-alive"u8;
    /// <summary><c>proxy-connection</c>.</summary>
    public static ReadOnlySpan<byte> ProxyConnection => "proxy-connection"u8;
    /// <summary><c>transfer-encoding</c>.</summary>
    public static ReadOnlySpan<byte> TransferEncoding => "transfer-encoding"u8;
    /// <summary><c>upgrade</c>.</summary>
    public static ReadOnlySpan<byte> Upgrade => "upgrade"u8;
    /// <summary><c>te</c>: allowed, but only with the value <see cref="Trailers"/>.</summary>
    public static ReadOnlySpan<byte> Te => "te"u8;
    /// <summary><c>trailers</c>: the only value TE may carry in HTTP/2.</summary>
    public static ReadOnlySpan<byte> Trailers => "trailers"u8;

    /// <summary>
    /// True if <paramref name="name"/> is one of the five connection-specific field names.
    /// Compares ignoring ASCII case (outbound names may not be lowercased yet); dispatches on length first.
    /// </summary>
    public static bool IsConnectionSpecific(ReadOnlySpan<byte> name) => name.Length switch
    {
        7 => Ascii.EqualsIgnoreCase(name, Upgrade),
        10 => Ascii.EqualsIgnoreCase(name, Connection) || Ascii.EqualsIgnoreCase(name, KeepAlive),
        16 => Ascii.EqualsIgnoreCase(name, ProxyConnection),
        17 => Ascii.EqualsIgnoreCase(name, TransferEncoding),
        _ => false,
    };
}
