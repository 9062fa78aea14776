using System;

namespace H2Sharp;

/// <summary>
/// The peer opened a new stream with an id not greater than one it already used: a connection
/// error PROTOCOL_ERROR (RFC 9113 section 5.1.1; h2's <c>StreamIDTooLowError</c>).
/// <see cref="AttemptedStreamId"/> and <see cref="MaxStreamId"/> are h2's <c>stream_id</c> and
/// <c>max_stream_id</c>; <see cref="ProtocolException.StreamId"/> is the error's scope, 0.
/// A caller that passes such an id gets an <see cref="ArgumentOutOfRangeException"/> instead.
/// </summary>
public class StreamIdTooLowException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public StreamIdTooLowException() : base("The stream id is not greater than one already used.", ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public StreamIdTooLowException(string message) : base(message, ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception with a cause. Code: ProtocolError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StreamIdTooLowException(string message, Exception innerException) : base(message, ErrorCode.ProtocolError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public StreamIdTooLowException(string message, int streamId) : base(message, ErrorCode.ProtocolError, streamId) { }

    /// <summary>Creates the exception for a peer that opened <paramref name="attemptedStreamId"/> after <paramref name="maxStreamId"/>.</summary>
    /// <param name="attemptedStreamId">The id the peer tried to open.</param>
    /// <param name="maxStreamId">The highest id the peer had already opened.</param>
    public StreamIdTooLowException(int attemptedStreamId, int maxStreamId)
        : base($"The peer opened stream {attemptedStreamId} after stream {maxStreamId}; stream ids must increase (RFC 9113 section 5.1.1).", ErrorCode.ProtocolError, 0)
    {
        AttemptedStreamId = attemptedStreamId;
        MaxStreamId = maxStreamId;
    }

    /// <summary>The id of the stream that was to be opened (h2's <c>stream_id</c>), or 0 when not given.</summary>
    public int AttemptedStreamId { get; }

    /// <summary>The highest stream id already used when it was refused (h2's <c>max_stream_id</c>), or 0 when not given.</summary>
    public int MaxStreamId { get; }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public StreamIdTooLowException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public StreamIdTooLowException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
