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
    public static IReadOnlyList<HeaderField> Prepare(IReadOnlyList<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options) =>
        Prepare(headers, kind, options, out _);

    /// <summary>
    /// <see cref="Prepare(IReadOnlyList{HeaderField}, HeaderBlockKind, in HeaderRuleOptions)"/>, also
    /// handing back what the connection needs from the block sent (:method for HEAD, :authority for
    /// ALTSVC origins, :status): see <see cref="HeaderBlockFacts"/>. Returns the same list when
    /// nothing needed normalising.
    /// </summary>
    /// <exception cref="ArgumentException">The block breaks a rule (the message names it); nothing was sent.</exception>
    public static IReadOnlyList<HeaderField> Prepare(IReadOnlyList<HeaderField> headers, HeaderBlockKind kind, in HeaderRuleOptions options, out HeaderBlockFacts facts)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (options.Normalize && options.Validate)
        {
            // Fast path, one pass instead of two: a block that already passes the rules has
            // lowercase token names, no surrounding whitespace and no connection-specific field,
            // so normalising could only change how cookies and secrets are indexed. Otherwise the
            // full path below runs as if this had not (same result, same message).
            HeaderScanResult direct = HeaderBlockScanner.Scan(HeaderFieldSpans.AsSpan(headers), kind, validate: true, options.ExtendedConnect, out facts);
            if (direct.IsValid && !OutboundHeaderNormalizer.NeedsIndexingWork(HeaderFieldSpans.AsSpan(headers), options.SplitCookies))
                return headers;
        }

        IReadOnlyList<HeaderField> prepared = options.Normalize ? OutboundHeaderNormalizer.Normalize(headers, options.SplitCookies) : headers;
        ReadOnlySpan<HeaderField> fields = HeaderFieldSpans.AsSpan(prepared);
        HeaderScanResult result = HeaderBlockScanner.Scan(fields, kind, options.Validate, options.ExtendedConnect, out facts);
        if (!result.IsValid)
            throw new ArgumentException(HeaderRuleMessages.Describe(result, fields, kind)!, nameof(headers));
        return prepared;
    }
}
