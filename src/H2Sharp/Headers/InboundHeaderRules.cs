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
    public static string? Validate(ReadOnlySpan<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options)
    {
        _ = headers; _ = kind; _ = options;
        return null; // TODO(headers branch): implement the rules.
    }

    /// <summary>Normalises a valid block in place or into a new list (joins cookie crumbs, RFC 9113 section 8.2.3).</summary>
    public static IReadOnlyList<HeaderField> Normalize(IReadOnlyList<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options)
    {
        _ = kind; _ = options;
        return headers; // TODO(headers branch)
    }
}
