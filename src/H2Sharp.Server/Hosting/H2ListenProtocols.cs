using System;

namespace H2Sharp.Server;

/// <summary>
/// How a cleartext listener lets clients start HTTP/2 (a TLS listener always negotiates "h2"
/// with ALPN, RFC 9113 section 3.2, and ignores this).
/// </summary>
[Flags]
public enum H2ListenProtocols
{
    /// <summary>No way in: a cleartext listener with this value refuses every connection.</summary>
    None = 0,

    /// <summary>
    /// HTTP/2 with prior knowledge (RFC 9113 section 3.3): the client starts with the connection
    /// preface, as <c>curl --http2-prior-knowledge</c> and h2load do.
    /// </summary>
    PriorKnowledge = 1,

    /// <summary>
    /// HTTP/1.1 <c>Upgrade: h2c</c> (RFC 7540 section 3.2, deprecated by RFC 9113 section 3.1 but
    /// still sent by <c>curl --http2</c>): answered with 101 Switching Protocols, the upgraded
    /// request served on stream 1. An HTTP/1.1 request without the upgrade gets 505.
    /// </summary>
    Upgrade = 2,

    /// <summary>Both: the first bytes tell a preface from an HTTP/1.1 request. The default.</summary>
    PriorKnowledgeAndUpgrade = PriorKnowledge | Upgrade,
}
