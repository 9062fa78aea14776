using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Server;

/// <summary>
/// How a cleartext connection begins: the HTTP/2 preface (prior knowledge, RFC 9113 section
/// 3.3) or an HTTP/1.1 request, which may ask for <c>Upgrade: h2c</c> (RFC 7540 section 3.2).
/// Reads only until it can tell; what it read goes to the connection.
/// </summary>
internal static class CleartextStart
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private static readonly byte[] Switching = "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n"u8.ToArray();
    private static readonly byte[] NotSupported = Encoding.ASCII.GetBytes(
        "HTTP/1.1 505 HTTP Version Not Supported\r\ncontent-type: text/plain\r\ncontent-length: 58\r\nconnection: close\r\n\r\n" +
        "This server speaks HTTP/2 only (prior knowledge or h2c).\r\n");
    private static readonly HashSet<string> ConnectionSpecific = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "upgrade", "http2-settings", "host", "keep-alive", "proxy-connection", "transfer-encoding", "te",
    };

    /// <summary>The outcome: the bytes read so far (for the HTTP/2 connection), and the upgrade request if there was one; null when the connection is to be closed.</summary>
    public static async Task<(ReadOnlyMemory<byte> First, UpgradeRequest? Upgrade)?> ReadAsync(
        Stream transport, H2ListenProtocols protocols, int maxHeaderBytes, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[Math.Max(1024, maxHeaderBytes)];
        int have = 0;
        while (true)
        {
            int n = await transport.ReadAsync(buffer.AsMemory(have), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }
            have += n;
            int compare = Math.Min(have, Preface.Length);
            if (buffer.AsSpan(0, compare).SequenceEqual(Preface.AsSpan(0, compare)))
            {
                if (have < Preface.Length)
                {
                    continue;
                }
                if ((protocols & H2ListenProtocols.PriorKnowledge) == 0)
                {
                    return null;
                }
                return (buffer.AsMemory(0, have), null);
            }
            // HTTP/1.1: wait for the end of the header section.
            int end = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                if (have == buffer.Length)
                {
                    await RefuseAsync(transport, cancellationToken).ConfigureAwait(false);
                    return null;
                }
                continue;
            }
            UpgradeRequest? upgrade = (protocols & H2ListenProtocols.Upgrade) != 0 ? ParseUpgrade(buffer.AsSpan(0, end + 2)) : null;
            if (upgrade is null)
            {
                await RefuseAsync(transport, cancellationToken).ConfigureAwait(false);
                return null;
            }
            await transport.WriteAsync(Switching, cancellationToken).ConfigureAwait(false);
            return (buffer.AsMemory(end + 4, have - end - 4), upgrade);
        }
    }

    private static async Task RefuseAsync(Stream transport, CancellationToken cancellationToken)
    {
        try
        {
            await transport.WriteAsync(NotSupported, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The client went away first.
        }
    }

    /// <summary>
    /// The request, if it may be upgraded. RFC 7540 section 3.2.1: a server "MUST NOT upgrade
    /// the connection to HTTP/2 if this header field [HTTP2-Settings] is not present or if more
    /// than one is present". A request with a body is not upgraded (it would have to be read in HTTP/1.1).
    /// </summary>
    internal static UpgradeRequest? ParseUpgrade(ReadOnlySpan<byte> head)
    {
        string text = Encoding.Latin1.GetString(head);
        string[] lines = text.Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || requestLine[2] != "HTTP/1.1")
        {
            return null;
        }
        string? settings = null;
        int settingsCount = 0;
        bool upgradeH2c = false;
        string? host = null;
        var fields = new List<HeaderField>();
        foreach (string line in lines.AsSpan(1))
        {
            if (line.Length == 0)
            {
                continue;
            }
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }
            string name = line[..colon].Trim().ToLowerInvariant();
            string value = line[(colon + 1)..].Trim();
            switch (name)
            {
                case "http2-settings":
                    settings = value;
                    settingsCount++;
                    break;
                case "upgrade":
                    foreach (string token in value.Split(','))
                    {
                        upgradeH2c |= token.Trim().Equals("h2c", StringComparison.OrdinalIgnoreCase);
                    }
                    break;
                case "host":
                    host = value;
                    break;
                case "content-length" when value != "0":
                case "transfer-encoding":
                    return null;
            }
            if (!ConnectionSpecific.Contains(name))
            {
                fields.Add(new HeaderField(name, value));
            }
        }
        if (!upgradeH2c || settingsCount != 1)
        {
            return null;
        }
        var headers = new List<HeaderField>(fields.Count + 4)
        {
            new(":method", requestLine[0]),
            new(":scheme", "http"),
            new(":authority", host ?? ""),
            new(":path", requestLine[1]),
        };
        headers.AddRange(fields);
        return new UpgradeRequest(settings!, headers);
    }
}
