using System;

namespace H2Sharp;

/// <summary>
/// A body's length does not match its content-length header (a stream error, PROTOCOL_ERROR; h2's <c>InvalidBodyLengthError</c>).
/// </summary>
public class InvalidBodyLengthException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public InvalidBodyLengthException() : base("The body length does not match content-length.", ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public InvalidBodyLengthException(string message) : base(message, ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception with a cause. Code: ProtocolError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidBodyLengthException(string message, Exception innerException) : base(message, ErrorCode.ProtocolError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public InvalidBodyLengthException(string message, int streamId) : base(message, ErrorCode.ProtocolError, streamId) { }

    /// <summary>Creates the stream error for stream <paramref name="streamId"/> whose body did not match its content-length.</summary>
    /// <param name="streamId">The stream reset.</param>
    /// <param name="expectedLength">The length the headers announced (0 where no body is allowed: HEAD, 204, 304).</param>
    /// <param name="actualLength">The body length received when the mismatch was found (a lower bound when the body ran over).</param>
    public InvalidBodyLengthException(int streamId, long expectedLength, long actualLength)
        : base(actualLength < expectedLength
            ? $"Stream {streamId} ended after {actualLength} octets of body, short of its content-length of {expectedLength}."
            : $"Stream {streamId} carried at least {actualLength} octets of body, more than its content-length of {expectedLength} allows.",
            ErrorCode.ProtocolError, streamId)
    {
        ExpectedLength = expectedLength;
        ActualLength = actualLength;
    }

    /// <summary>The body length the content-length header announced (h2's <c>expected_length</c>), or -1 when not given.</summary>
    public long ExpectedLength { get; } = -1;

    /// <summary>The body length received when the mismatch was found (h2's <c>actual_length</c>), or -1 when not given.</summary>
    public long ActualLength { get; } = -1;

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public InvalidBodyLengthException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidBodyLengthException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
