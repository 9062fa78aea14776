using System;

namespace H2Sharp.Hpack;

/// <summary>
/// Receives the fields an <see cref="HpackDecoder"/> decodes, without copies: the spans are
/// valid only during the call.
/// </summary>
public interface IHeaderHandler
{
    /// <summary>Called once per decoded field, in block order.</summary>
    /// <param name="name">The field name bytes.</param>
    /// <param name="value">The field value bytes.</param>
    /// <param name="neverIndexed">True if the peer sent the field as never indexed (RFC 7541 section 6.2.3); re-encode it the same way.</param>
    void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed);
}
