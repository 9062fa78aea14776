using System;
using System.Text;

namespace H2Sharp.AspNetCore;

/// <summary>
/// Splits a request's <c>:path</c> into the path and the query and decodes the path the way
/// Kestrel does: percent-escapes are decoded except <c>%2F</c>, which stays encoded so that a
/// decoded path never gains segments the client did not send.
/// </summary>
internal static class RequestTarget
{
    /// <summary>Splits <paramref name="target"/> (e.g. <c>/a%20b?x=1</c>) into a decoded path and the query with its <c>?</c>.</summary>
    public static void Split(string target, out string path, out string query)
    {
        int q = target.IndexOf('?', StringComparison.Ordinal);
        string rawPath = q < 0 ? target : target[..q];
        query = q < 0 ? string.Empty : target[q..];
        path = rawPath.Contains('%', StringComparison.Ordinal) ? Decode(rawPath) : rawPath;
    }

    private static string Decode(string rawPath)
    {
        // Decode bytes, then UTF-8: a path's escapes encode UTF-8 octets (RFC 3986 section 2.5).
        byte[] bytes = new byte[rawPath.Length];
        int n = 0;
        for (int i = 0; i < rawPath.Length; i++)
        {
            char c = rawPath[i];
            if (c == '%' && i + 2 < rawPath.Length
                && Uri.IsHexDigit(rawPath[i + 1]) && Uri.IsHexDigit(rawPath[i + 2]))
            {
                int value = (Uri.FromHex(rawPath[i + 1]) << 4) | Uri.FromHex(rawPath[i + 2]);
                if (value != '/')
                {
                    bytes[n++] = (byte)value;
                    i += 2;
                    continue;
                }
            }
            if (c > 0x7F)
            {
                // :path is ASCII (RFC 3986); anything else is kept as the server decoded it.
                return rawPath;
            }
            bytes[n++] = (byte)c;
        }
        return Encoding.UTF8.GetString(bytes, 0, n);
    }
}
