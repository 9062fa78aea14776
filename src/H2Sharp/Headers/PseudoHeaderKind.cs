using System;

namespace H2Sharp.Headers;

/// <summary>The pseudo-header fields RFC 9113 section 8.3 and RFC 8441 define, as bit flags so a block's set fits in one int.</summary>
[Flags]
internal enum PseudoHeaderKind
{
    /// <summary>Not a defined pseudo-header field.</summary>
    None = 0,
    /// <summary><c>:method</c> (requests).</summary>
    Method = 1 << 0,
    /// <summary><c>:scheme</c> (requests).</summary>
    Scheme = 1 << 1,
    /// <summary><c>:authority</c> (requests).</summary>
    Authority = 1 << 2,
    /// <summary><c>:path</c> (requests).</summary>
    Path = 1 << 3,
    /// <summary><c>:protocol</c> (extended CONNECT requests, RFC 8441 section 4).</summary>
    Protocol = 1 << 4,
    /// <summary><c>:status</c> (responses).</summary>
    Status = 1 << 5,
    /// <summary>All the pseudo-header fields defined for requests.</summary>
    RequestOnly = Method | Scheme | Authority | Path | Protocol,
}
