using System;
using H2Sharp.Headers;

namespace H2Sharp;

/// <summary>The rules of server push (RFC 9113 section 8.4) that both the sender and the receiver check.</summary>
internal static class PushRules
{
    /// <summary>
    /// Null when a promised request is acceptable, otherwise why not. RFC 9113 section 8.4:
    /// "Promised requests MUST be safe (see Section 9.2.1 of [HTTP]) and cacheable (see Section
    /// 9.2.3 of [HTTP]). Promised requests cannot include any content or a trailer section."
    /// GET and HEAD are the methods RFC 9110 defines as both safe and cacheable.
    /// </summary>
    public static string? CheckPromisedRequest(in HeaderBlockFacts facts)
    {
        var method = facts.Method.Span;
        if (!method.SequenceEqual("GET"u8) && !method.SequenceEqual("HEAD"u8))
        {
            return "A promised request must be safe and cacheable (GET or HEAD; RFC 9113 section 8.4), not " + Latin1(method) + ".";
        }

        if (facts.ContentLength > 0 || facts.ContentLengthInvalid)
        {
            return "A promised request cannot include content (RFC 9113 section 8.4), but its content-length is not 0.";
        }

        return null;
    }

    private static string Latin1(ReadOnlySpan<byte> text) =>
        text.IsEmpty ? "no :method" : "'" + System.Text.Encoding.Latin1.GetString(text.Length > 32 ? text[..32] : text) + "'";
}
