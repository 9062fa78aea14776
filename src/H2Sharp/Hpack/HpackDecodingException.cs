using System;

namespace H2Sharp.Hpack;

/// <summary>
/// A header block could not be decoded, so the HPACK state is no longer in step with the peer's:
/// "A decoding error in a field block MUST be treated as a connection error of type
/// COMPRESSION_ERROR" (RFC 9113 section 4.3). Subclasses tell which fault it was.
/// </summary>
public class HpackDecodingException : ProtocolException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HpackDecodingException() : this("The header block could not be decoded.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HpackDecodingException(string message) : base(message, ErrorCode.CompressionError, 0) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HpackDecodingException(string message, Exception innerException)
        : base(message, ErrorCode.CompressionError, 0, innerException) { }
}
