using System;

namespace H2Sharp;

/// <summary>
/// The peer sent a frame larger than our SETTINGS_MAX_FRAME_SIZE (FRAME_SIZE_ERROR; h2's <c>FrameTooLargeError</c>). Data the caller asks to send that does not fit the peer's frame size is an <see cref="ArgumentException"/> instead.
/// </summary>
public class FrameTooLargeException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public FrameTooLargeException() : base("The frame is larger than the maximum frame size in force.", ErrorCode.FrameSizeError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public FrameTooLargeException(string message) : base(message, ErrorCode.FrameSizeError, 0) { }

    /// <summary>Creates the exception with a cause. Code: FrameSizeError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FrameTooLargeException(string message, Exception innerException) : base(message, ErrorCode.FrameSizeError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public FrameTooLargeException(string message, int streamId) : base(message, ErrorCode.FrameSizeError, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public FrameTooLargeException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public FrameTooLargeException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
