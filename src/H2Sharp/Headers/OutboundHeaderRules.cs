using System;
using System.Collections.Generic;

namespace H2Sharp.Headers;

/// <summary>RFC 9113 section 8 rules applied to header blocks the caller asks to send.</summary>
internal static class OutboundHeaderRules
{
    /// <summary>
    /// Normalises (lowercases names, drops connection-specific fields, splits cookies) when
    /// <see cref="HeaderRuleOptions.Normalize"/> is set, then validates when
    /// <see cref="HeaderRuleOptions.Validate"/> is set, throwing <see cref="ProtocolException"/>
    /// with a message that says which rule the caller broke. Returns the fields to encode.
    /// </summary>
    public static IReadOnlyList<HeaderField> Prepare(IReadOnlyList<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options)
    {
        _ = kind; _ = options;
        return headers; // TODO(headers branch)
    }
}
