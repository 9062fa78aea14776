using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace H2Sharp.Http.Headers;

/// <summary>Turns an HttpRequestMessage into the HTTP/2 request header block (RFC 9113 8.3.1).</summary>
internal static class RequestHeaderWriter
{
    /// <summary>Fills <paramref name="buffer"/>; returns true for an extended CONNECT (RFC 8441, :protocol set).</summary>
    public static bool Write(HeaderBuffer buffer, HttpRequestMessage request, ReadOnlyMemory<byte> authority, bool secure)
    {
        Uri uri = request.RequestUri!;
        HttpMethod method = request.Method;
        string? host = request.Headers.Host;
        bool extendedConnect = false;
        buffer.Add(RequestHeaderNames.Method, RequestHeaderNames.MethodValue(method.Method));
        if (method == HttpMethod.Connect && request.Headers.Protocol is null)
        {
            // RFC 9113 8.5: "The :scheme and :path pseudo-header fields MUST be omitted."
            AddAuthority(buffer, authority, host);
        }
        else
        {
            if (method == HttpMethod.Connect)
            {
                buffer.Add(RequestHeaderNames.Protocol, request.Headers.Protocol!);
                extendedConnect = true;
            }

            buffer.Add(RequestHeaderNames.Scheme, secure ? RequestHeaderNames.Https : RequestHeaderNames.Http);
            AddAuthority(buffer, authority, host);
            string path = uri.PathAndQuery;
            if (path.Length == 1 && path[0] == '/')
            {
                buffer.Add(RequestHeaderNames.Path, RequestHeaderNames.Slash);
            }
            else
            {
                buffer.Add(RequestHeaderNames.Path, path);
            }
        }

        AddFields(buffer, request.Headers.NonValidated);
        if (request.Content is { } content)
        {
            // Asking for the length first lets the content compute it (StringContent, ByteArrayContent...).
            long? length = content.Headers.ContentLength;
            bool sentLength = AddFields(buffer, content.Headers.NonValidated);
            if (length is long known && !sentLength)
            {
                buffer.Add(RequestHeaderNames.ContentLength, known.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        buffer.Seal();
        return extendedConnect;
    }

    private static void AddAuthority(HeaderBuffer buffer, ReadOnlyMemory<byte> authority, string? host)
    {
        if (host is null)
        {
            buffer.Add(RequestHeaderNames.Authority, authority);
        }
        else
        {
            buffer.Add(RequestHeaderNames.Authority, host);
        }
    }

    /// <summary>Adds the fields; returns true if one was Content-Length.</summary>
    private static bool AddFields(HeaderBuffer buffer, HttpHeadersNonValidated headers)
    {
        bool contentLength = false;
        foreach (var (name, values) in headers)
        {
            if (RequestHeaderNames.IsDropped(name))
            {
                continue;
            }

            if (name.Length == 2 && name.Equals("te", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 9113 8.2.2: TE "MAY be present ... but it MUST NOT contain any value other than 'trailers'".
                foreach (string value in values)
                {
                    if (value.Contains("trailers", StringComparison.OrdinalIgnoreCase))
                    {
                        buffer.Add(RequestHeaderNames.Te, RequestHeaderNames.Trailers);
                        break;
                    }
                }

                continue;
            }

            byte[] lower = RequestHeaderNames.Lowercase(name);
            contentLength |= ReferenceEquals(lower, RequestHeaderNames.ContentLength) || name.Equals("content-length", StringComparison.OrdinalIgnoreCase);
            if (values.Count == 1 || ReferenceEquals(lower, RequestHeaderNames.Cookie) || name.Equals("cookie", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 9113 8.2.3: cookies may go as separate fields (better compression); others as one.
                foreach (string value in values)
                {
                    buffer.Add(lower, value);
                }
            }
            else
            {
                buffer.Add(lower, values.ToString());
            }
        }

        return contentLength;
    }
}
