namespace H2Sharp.Headers;

/// <summary>What a header block is, which decides the rules it must obey (RFC 9113 section 8).</summary>
internal enum HeaderBlockKind
{
    /// <summary>A request header section (also the request in a PUSH_PROMISE).</summary>
    Request,
    /// <summary>A final (non-1xx) response header section.</summary>
    Response,
    /// <summary>An informational (1xx) response header section.</summary>
    Informational,
    /// <summary>A trailer section: no pseudo-header fields.</summary>
    Trailers,
}
