using System;

namespace H2Sharp;

/// <summary>
/// An action or a frame concerns a stream that is closed (STREAM_CLOSED; h2's <c>StreamClosedError</c>).
/// </summary>
public class StreamClosedException : NoSuchStreamException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public StreamClosedException() : base("The stream is closed.", ErrorCode.StreamClosed, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public StreamClosedException(string message) : base(message, ErrorCode.StreamClosed, 0) { }

    /// <summary>Creates the exception with a cause. Code: StreamClosed, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StreamClosedException(string message, Exception innerException) : base(message, ErrorCode.StreamClosed, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public StreamClosedException(string message, int streamId) : base(message, ErrorCode.StreamClosed, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public StreamClosedException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public StreamClosedException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
