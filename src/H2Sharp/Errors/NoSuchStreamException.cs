using System;

namespace H2Sharp;

/// <summary>
/// An action named a stream that does not exist and never did (h2's <c>NoSuchStreamError</c>).
/// </summary>
public class NoSuchStreamException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public NoSuchStreamException() : base("No such stream.", ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public NoSuchStreamException(string message) : base(message, ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception with a cause. Code: ProtocolError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NoSuchStreamException(string message, Exception innerException) : base(message, ErrorCode.ProtocolError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public NoSuchStreamException(string message, int streamId) : base(message, ErrorCode.ProtocolError, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public NoSuchStreamException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public NoSuchStreamException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
