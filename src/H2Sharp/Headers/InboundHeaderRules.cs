using System;
using System.Collections.Generic;

namespace H2Sharp.Headers;

/// <summary>RFC 9113 section 8 rules applied to header blocks received from the peer.</summary>
internal static class InboundHeaderRules
{
    /// <summary>
    /// Checks a decoded block. Returns null when it is acceptable, otherwise a sentence naming the
    /// rule broken; the connection then answers with a stream error PROTOCOL_ERROR.
    /// </summary>
    public static string? Validate(ReadOnlySpan<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options) =>
        Validate(headers, kind, options, out _);

    /// <summary>
    /// <see cref="Validate(ReadOnlySpan{HeaderField}, HeaderBlockKind, in HeaderRuleOptions)"/>, also
    /// handing back in the same pass what the connection needs (:status, :method, content-length,
    /// authority): see <see cref="HeaderBlockFacts"/>. The facts are gathered even when
    /// <see cref="HeaderRuleOptions.Validate"/> is off; a rejected block's facts may be partial.
    /// </summary>
    public static string? Validate(ReadOnlySpan<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options, out HeaderBlockFacts facts)
    {
        HeaderScanResult result = HeaderBlockScanner.Scan(headers, kind, options.Validate, options.ExtendedConnect, out facts);
        return result.IsValid ? null : HeaderRuleMessages.Describe(result, headers, kind);
    }

    /// <summary>
    /// Normalises a block: when <see cref="HeaderRuleOptions.Normalize"/> is set and it holds more
    /// than one cookie field, returns a new list with the other fields in order and the crumbs joined
    /// into one never-indexed cookie field at the end (as h2 does); otherwise returns
    /// <paramref name="headers"/> itself (a single cookie field keeps its place and flag, unlike h2).
    /// </summary>
    public static IReadOnlyList<HeaderField> Normalize(IReadOnlyList<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _ = kind; // every kind of block may carry cookies
        if (!options.Normalize) return headers;

        ReadOnlySpan<HeaderField> fields = HeaderFieldSpans.AsSpan(headers);
        int cookies = 0, joinedLength = 0;
        foreach (ref readonly HeaderField field in fields)
        {
            if (!IsCookie(field.Name.Span)) continue;
            joinedLength += (cookies == 0 ? 0 : Separator.Length) + field.Value.Length;
            cookies++;
        }
        if (cookies < 2) return headers;

        // RFC 9113 8.2.3: "If there are multiple Cookie header fields after decompression, these MUST be
        // concatenated into a single octet string using the two-octet delimiter of 0x3b, 0x20 (the ASCII
        // string "; ") before being passed into a non-HTTP/2 context".
        var joined = new byte[joinedLength];
        var result = new List<HeaderField>(fields.Length - cookies + 1);
        int written = 0;
        ReadOnlyMemory<byte> cookieName = default;
        foreach (ref readonly HeaderField field in fields)
        {
            if (!IsCookie(field.Name.Span))
            {
                result.Add(field);
                continue;
            }
            if (written > 0)
            {
                Separator.CopyTo(joined.AsSpan(written));
                written += Separator.Length;
            }
            field.Value.Span.CopyTo(joined.AsSpan(written));
            written += field.Value.Length;
            cookieName = field.Name;
        }
        // Never indexed, as h2 does: the crumbs may have carried different indexing flags.
        result.Add(new HeaderField(cookieName, joined, neverIndex: true));
        return result;
    }

    private static ReadOnlySpan<byte> Separator => "; "u8;

    private static bool IsCookie(ReadOnlySpan<byte> name) => name.SequenceEqual("cookie"u8);
}
