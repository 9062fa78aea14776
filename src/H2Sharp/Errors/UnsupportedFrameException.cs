using System;

namespace H2Sharp;

/// <summary>
/// A frame arrived that is not valid in this context, such as PUSH_PROMISE at a server (PROTOCOL_ERROR; h2's <c>UnsupportedFrameError</c>).
/// </summary>
public class UnsupportedFrameException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public UnsupportedFrameException() : base("The frame is not supported here.", ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public UnsupportedFrameException(string message) : base(message, ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception with a cause. Code: ProtocolError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public UnsupportedFrameException(string message, Exception innerException) : base(message, ErrorCode.ProtocolError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public UnsupportedFrameException(string message, int streamId) : base(message, ErrorCode.ProtocolError, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public UnsupportedFrameException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public UnsupportedFrameException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
