using System;

namespace H2Sharp.Hpack;

/// <summary>
/// A prefix-coded integer overflowed 32 bits or ran on for more continuation octets than any valid value needs (RFC 7541 section 5.1). COMPRESSION_ERROR, connection-scoped.
/// </summary>
public class HpackIntegerException : HpackDecodingException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HpackIntegerException() : base("An HPACK integer is too large.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HpackIntegerException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HpackIntegerException(string message, Exception innerException) : base(message, innerException) { }
}
