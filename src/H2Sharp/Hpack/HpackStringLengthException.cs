using System;

namespace H2Sharp.Hpack;

/// <summary>
/// A literal header name is longer than any field the local limits (header list size and dynamic table size) could ever accept, so it is refused before it is buffered. COMPRESSION_ERROR, connection-scoped.
/// </summary>
public class HpackStringLengthException : HpackDecodingException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HpackStringLengthException() : base("An HPACK string literal is too long.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HpackStringLengthException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HpackStringLengthException(string message, Exception innerException) : base(message, innerException) { }
}
