using System;

namespace H2Sharp.Hpack;

/// <summary>
/// A decoded header list was larger than <see cref="HpackDecoder.MaxHeaderListSize"/>
/// (name + value + 32 octets per field, RFC 9113 section 6.5.2). The whole block was still
/// decoded, so the dynamic table is in step with the peer's: the connection may answer the
/// stream alone, or the connection when <see cref="HeaderListSize"/> is grossly over the limit.
/// Code PROTOCOL_ERROR, scope 0 (the decoder knows no streams; the connection rescopes it).
/// </summary>
public class HeaderListTooLargeException : ProtocolException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HeaderListTooLargeException() : base("The header list is larger than the limit.", ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HeaderListTooLargeException(string message) : base(message, ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HeaderListTooLargeException(string message, Exception innerException)
        : base(message, ErrorCode.ProtocolError, 0, innerException) { }

    /// <summary>Creates the exception with the sizes involved.</summary>
    /// <param name="headerListSize">The size of the block's header list (a lower bound when fields were skipped undecoded).</param>
    /// <param name="maxHeaderListSize">The limit in force.</param>
    public HeaderListTooLargeException(long headerListSize, int maxHeaderListSize)
        : base($"The header list ({headerListSize} octets or more) is larger than the limit of {maxHeaderListSize} octets.", ErrorCode.ProtocolError, 0)
    {
        HeaderListSize = headerListSize;
        MaxHeaderListSize = maxHeaderListSize;
    }

    /// <summary>The size of the header list as counted (name + value + 32 per field); a lower bound when fields past the limit were skipped without decoding.</summary>
    public long HeaderListSize { get; }

    /// <summary>The limit that was in force.</summary>
    public int MaxHeaderListSize { get; }
}
