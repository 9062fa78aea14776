using System;
using System.Collections.Concurrent;
using System.Text;

namespace H2Sharp.Http.Headers;

/// <summary>
/// Request header names as HTTP/2 wants them (lowercase, RFC 9113 8.2.1), encoded once per
/// name and shared. HttpHeaders hands out the same name strings request after request, so a
/// dictionary lookup replaces an allocation per field.
/// </summary>
internal static class RequestHeaderNames
{
    /// <summary>The cache stops growing here, so that endless distinct names cannot fill memory.</summary>
    private const int MaxCachedNames = 1024;

    private static readonly ConcurrentDictionary<string, byte[]> Cache = new(StringComparer.Ordinal);

    public static readonly byte[] Method = ":method"u8.ToArray();
    public static readonly byte[] Scheme = ":scheme"u8.ToArray();
    public static readonly byte[] Authority = ":authority"u8.ToArray();
    public static readonly byte[] Path = ":path"u8.ToArray();
    public static readonly byte[] Protocol = ":protocol"u8.ToArray();
    public static readonly byte[] Http = "http"u8.ToArray();
    public static readonly byte[] Https = "https"u8.ToArray();
    public static readonly byte[] Get = "GET"u8.ToArray();
    public static readonly byte[] Post = "POST"u8.ToArray();
    public static readonly byte[] Put = "PUT"u8.ToArray();
    public static readonly byte[] Delete = "DELETE"u8.ToArray();
    public static readonly byte[] Head = "HEAD"u8.ToArray();
    public static readonly byte[] Connect = "CONNECT"u8.ToArray();
    public static readonly byte[] Slash = "/"u8.ToArray();
    public static readonly byte[] ContentLength = "content-length"u8.ToArray();
    public static readonly byte[] Cookie = "cookie"u8.ToArray();
    public static readonly byte[] Te = "te"u8.ToArray();
    public static readonly byte[] Trailers = "trailers"u8.ToArray();

    public static byte[] Lowercase(string name)
    {
        if (Cache.TryGetValue(name, out byte[]? bytes))
        {
            return bytes;
        }

        bytes = Encoding.ASCII.GetBytes(name.ToLowerInvariant());
        if (Cache.Count < MaxCachedNames)
        {
            Cache.TryAdd(name, bytes);
        }

        return bytes;
    }

    /// <summary>
    /// RFC 9113 8.2.2: "An endpoint MUST NOT generate an HTTP/2 message containing
    /// connection-specific header fields" (Connection, Keep-Alive, Proxy-Connection,
    /// Transfer-Encoding, Upgrade); Host becomes :authority. TE is handled by the caller.
    /// </summary>
    public static bool IsDropped(string name) =>
        name.Length switch
        {
            4 => name.Equals("host", StringComparison.OrdinalIgnoreCase),
            7 => name.Equals("upgrade", StringComparison.OrdinalIgnoreCase),
            10 => name.Equals("connection", StringComparison.OrdinalIgnoreCase) || name.Equals("keep-alive", StringComparison.OrdinalIgnoreCase),
            16 => name.Equals("proxy-connection", StringComparison.OrdinalIgnoreCase),
            17 => name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };

    public static ReadOnlyMemory<byte> MethodValue(string method) =>
        method switch
        {
            "GET" => Get,
            "POST" => Post,
            "PUT" => Put,
            "DELETE" => Delete,
            "HEAD" => Head,
            "CONNECT" => Connect,
            _ => Encoding.ASCII.GetBytes(method),
        };
}
