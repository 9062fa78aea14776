using System;

namespace H2Sharp.Headers;

/// <summary>
/// What the connection needs from a header block, gathered in the same pass as validation
/// (<see cref="HeaderBlockScanner.Scan"/>), whether or not validation is switched on. Values are
/// views over the fields' own bytes: nothing is copied.
/// </summary>
internal struct HeaderBlockFacts
{
    /// <summary>The :status code, or 0 when absent or not three digits.</summary>
    public int Status { get; set; }

    /// <summary>The content-length value, or -1 when absent or invalid (see <see cref="ContentLengthInvalid"/>).</summary>
    public long ContentLength { get; set; }

    /// <summary>
    /// True when a content-length field is not 1*DIGIT (or overflows a long), or several disagree.
    /// The block is then malformed (RFC 9113 section 8.1.1) even with validation off: the connection
    /// cannot police the body length (h2 raises here regardless of its switches).
    /// </summary>
    public bool ContentLengthInvalid { get; set; }

    /// <summary>The :method value (empty when absent).</summary>
    public ReadOnlyMemory<byte> Method { get; set; }

    /// <summary>The :scheme value (empty when absent).</summary>
    public ReadOnlyMemory<byte> Scheme { get; set; }

    /// <summary>The :path value (empty when absent).</summary>
    public ReadOnlyMemory<byte> Path { get; set; }

    /// <summary>The :protocol value (empty when absent; see <see cref="HasProtocol"/>).</summary>
    public ReadOnlyMemory<byte> Protocol { get; set; }

    /// <summary>True when the block carries :protocol (an extended CONNECT, RFC 8441).</summary>
    public bool HasProtocol { get; set; }

    /// <summary>The :authority value, else the host value, else empty: the request's origin (used for ALTSVC, RFC 7838).</summary>
    public ReadOnlyMemory<byte> Authority { get; set; }

    /// <summary>True for a HEAD request: its response has no content whatever its content-length (RFC 9110 section 9.3.2).</summary>
    public readonly bool IsHead => Method.Span.SequenceEqual("HEAD"u8);

    /// <summary>True for a CONNECT request, plain or extended (RFC 9113 section 8.5, RFC 8441).</summary>
    public readonly bool IsConnect => Method.Span.SequenceEqual("CONNECT"u8);

    /// <summary>True for a 1xx (informational) :status.</summary>
    public readonly bool IsInformational => Status is >= 100 and <= 199;
}
