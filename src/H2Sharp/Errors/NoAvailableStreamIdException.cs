using System;

namespace H2Sharp;

/// <summary>
/// Every stream id this side may use (up to 2^31-1) has been used; open a new connection (h2's <c>NoAvailableStreamIDError</c>).
/// </summary>
public class NoAvailableStreamIdException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public NoAvailableStreamIdException() : base("No stream ids are left on this connection; open a new connection.", ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public NoAvailableStreamIdException(string message) : base(message, ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception with a cause. Code: ProtocolError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NoAvailableStreamIdException(string message, Exception innerException) : base(message, ErrorCode.ProtocolError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public NoAvailableStreamIdException(string message, int streamId) : base(message, ErrorCode.ProtocolError, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public NoAvailableStreamIdException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public NoAvailableStreamIdException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
