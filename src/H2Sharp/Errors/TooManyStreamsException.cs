using System;

namespace H2Sharp;

/// <summary>
/// Opening one more stream would exceed SETTINGS_MAX_CONCURRENT_STREAMS (h2's <c>TooManyStreamsError</c>). Thrown to the caller; a peer that does this gets RST_STREAM REFUSED_STREAM.
/// </summary>
public class TooManyStreamsException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public TooManyStreamsException() : base("Too many concurrent streams are open.", ErrorCode.RefusedStream, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public TooManyStreamsException(string message) : base(message, ErrorCode.RefusedStream, 0) { }

    /// <summary>Creates the exception with a cause. Code: RefusedStream, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TooManyStreamsException(string message, Exception innerException) : base(message, ErrorCode.RefusedStream, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public TooManyStreamsException(string message, int streamId) : base(message, ErrorCode.RefusedStream, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public TooManyStreamsException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public TooManyStreamsException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
