using System;

namespace H2Sharp.Hpack;

/// <summary>
/// A dynamic table size update exceeded the limit the local side allowed, came after the first field of a block, or was missing after the local side lowered its limit (RFC 7541 sections 4.2 and 6.3). COMPRESSION_ERROR, connection-scoped.
/// </summary>
public class HpackTableSizeUpdateException : HpackDecodingException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HpackTableSizeUpdateException() : base("A dynamic table size update is invalid.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HpackTableSizeUpdateException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HpackTableSizeUpdateException(string message, Exception innerException) : base(message, innerException) { }
}
