using System;

namespace H2Sharp;

/// <summary>
/// A frame's payload is shorter than its fields need, or a fixed-size frame has the wrong length (FRAME_SIZE_ERROR; h2's <c>FrameDataMissingError</c>).
/// </summary>
public class FrameDataMissingException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public FrameDataMissingException() : base("The frame payload has the wrong length for its type.", ErrorCode.FrameSizeError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public FrameDataMissingException(string message) : base(message, ErrorCode.FrameSizeError, 0) { }

    /// <summary>Creates the exception with a cause. Code: FrameSizeError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FrameDataMissingException(string message, Exception innerException) : base(message, ErrorCode.FrameSizeError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public FrameDataMissingException(string message, int streamId) : base(message, ErrorCode.FrameSizeError, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public FrameDataMissingException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public FrameDataMissingException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
