using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;

namespace H2Sharp.Http.Headers;

/// <summary>
/// Turns HTTP/2 response header fields into an HttpResponseMessage's headers, on the connection's
/// loop. Known names are shared strings, and the last value seen for each known name is kept,
/// so the fields that repeat on every response (date, content-type, server, grpc-*) cost no
/// string allocation. One reader per connection: not thread-safe.
/// </summary>
internal sealed class ResponseHeaderReader
{
    /// <summary>Values longer than this are not cached (they rarely repeat and would pin memory).</summary>
    private const int MaxCachedValueLength = 128;

    /// <summary>The names, and whether each belongs to HttpContentHeaders rather than HttpResponseHeaders.</summary>
    private static readonly (string Name, bool Content)[] Known =
    [
        ("content-type", true), ("content-length", true), ("content-encoding", true), ("content-language", true),
        ("content-location", true), ("content-range", true), ("content-disposition", true), ("content-md5", true),
        ("expires", true), ("last-modified", true), ("allow", true),
        ("date", false), ("server", false), ("cache-control", false), ("etag", false), ("vary", false),
        ("set-cookie", false), ("location", false), ("accept-ranges", false), ("age", false), ("via", false),
        ("strict-transport-security", false), ("x-content-type-options", false), ("x-frame-options", false),
        ("access-control-allow-origin", false), ("alt-svc", false), ("link", false), ("retry-after", false),
        ("www-authenticate", false), ("grpc-status", false), ("grpc-message", false), ("grpc-encoding", false),
        ("grpc-accept-encoding", false), ("trailer", false),
    ];

    private static readonly byte[][] KnownBytes = Array.ConvertAll(Known, k => Encoding.ASCII.GetBytes(k.Name));

    private readonly byte[]?[] _lastValueBytes = new byte[Known.Length][];
    private readonly string?[] _lastValue = new string[Known.Length];

    /// <summary>Reads :status; -1 if it is missing or not three digits (the core validated it already).</summary>
    public static int Status(IReadOnlyList<HeaderField> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            ReadOnlySpan<byte> name = fields[i].Name.Span;
            if (name.SequenceEqual(":status"u8))
            {
                ReadOnlySpan<byte> v = fields[i].Value.Span;
                return v.Length == 3 ? ((v[0] - '0') * 100) + ((v[1] - '0') * 10) + (v[2] - '0') : -1;
            }
        }

        return -1;
    }

    /// <summary>Adds the regular (non-pseudo) fields to the response and its content.</summary>
    public void AddTo(HttpResponseMessage response, HttpContent content, IReadOnlyList<HeaderField> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            HeaderField field = fields[i];
            ReadOnlySpan<byte> name = field.Name.Span;
            if (name.IsEmpty || name[0] == (byte)':')
            {
                continue;
            }

            int known = Find(name);
            string value = Value(known, field.Value.Span);
            if (known >= 0)
            {
                if (Known[known].Content)
                {
                    content.Headers.TryAddWithoutValidation(Known[known].Name, value);
                }
                else
                {
                    response.Headers.TryAddWithoutValidation(Known[known].Name, value);
                }

                continue;
            }

            string text = Encoding.ASCII.GetString(name);
            if (!response.Headers.TryAddWithoutValidation(text, value))
            {
                content.Headers.TryAddWithoutValidation(text, value);
            }
        }
    }

    /// <summary>Adds trailer fields (RFC 9113 8.1: pseudo-headers are not allowed there, the core checked).</summary>
    public void AddTrailers(HttpResponseMessage response, IReadOnlyList<HeaderField> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            HeaderField field = fields[i];
            ReadOnlySpan<byte> name = field.Name.Span;
            int known = Find(name);
            string value = Value(known, field.Value.Span);
            response.TrailingHeaders.TryAddWithoutValidation(known >= 0 ? Known[known].Name : Encoding.ASCII.GetString(name), value);
        }
    }

    private string Value(int known, ReadOnlySpan<byte> bytes)
    {
        if (known < 0 || bytes.Length > MaxCachedValueLength)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        if (_lastValueBytes[known] is { } last && bytes.SequenceEqual(last))
        {
            return _lastValue[known]!;
        }

        string value = Encoding.UTF8.GetString(bytes);
        _lastValueBytes[known] = bytes.ToArray();
        _lastValue[known] = value;
        return value;
    }

    private static int Find(ReadOnlySpan<byte> name)
    {
        byte[][] known = KnownBytes;
        for (int i = 0; i < known.Length; i++)
        {
            byte[] candidate = known[i];
            if (candidate.Length == name.Length && candidate[0] == name[0] && name.SequenceEqual(candidate))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>HttpStatusCode from the :status number.</summary>
    public static HttpStatusCode ToStatusCode(int status) => (HttpStatusCode)status;
}
