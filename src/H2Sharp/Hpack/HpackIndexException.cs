using System;

namespace H2Sharp.Hpack;

/// <summary>
/// An indexed representation referred to index 0 or to an index beyond the static and dynamic tables (RFC 7541 section 2.3.3). COMPRESSION_ERROR, connection-scoped.
/// </summary>
public class HpackIndexException : HpackDecodingException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HpackIndexException() : base("The header field index is 0 or beyond the tables.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HpackIndexException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HpackIndexException(string message, Exception innerException) : base(message, innerException) { }
}
