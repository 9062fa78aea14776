using System;

namespace H2Sharp;

/// <summary>
/// The peer broke the HTTP/2 protocol (h2's <c>ProtocolError</c>). <see cref="ErrorCode"/> is
/// the RFC 9113 error code that was sent; <see cref="StreamId"/> is the stream the error is scoped
/// to (a stream error, reported in <see cref="Events.StreamReset.Error"/>), or 0 for a connection
/// error, thrown by <see cref="H2Connection.ReceiveData(System.ReadOnlySpan{byte})"/> after GOAWAY was queued. The caller's
/// own mistakes are never a <see cref="ProtocolException"/>: they are
/// <see cref="InvalidOperationException"/> or <see cref="ArgumentException"/> (docs/errors.md).
/// </summary>
public class ProtocolException : H2Exception
{
    /// <summary>Creates a PROTOCOL_ERROR connection-scoped exception with a default message.</summary>
    public ProtocolException() : this("The HTTP/2 protocol was violated.") { }

    /// <summary>Creates a PROTOCOL_ERROR connection-scoped exception.</summary>
    /// <param name="message">What went wrong.</param>
    public ProtocolException(string message) : this(message, ErrorCode.ProtocolError) { }

    /// <summary>Creates a PROTOCOL_ERROR exception with a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ProtocolException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorCode = ErrorCode.ProtocolError;
    }

    /// <summary>Creates an exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code for this fault.</param>
    /// <param name="streamId">The stream the fault is scoped to; 0 for the whole connection.</param>
    public ProtocolException(string message, ErrorCode errorCode, int streamId = 0) : base(message)
    {
        ErrorCode = errorCode;
        StreamId = streamId;
    }

    /// <summary>Creates an exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code for this fault.</param>
    /// <param name="streamId">The stream the fault is scoped to; 0 for the whole connection.</param>
    /// <param name="innerException">The cause.</param>
    public ProtocolException(string message, ErrorCode errorCode, int streamId, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        StreamId = streamId;
    }

    /// <summary>The RFC 9113 error code that describes this fault.</summary>
    public ErrorCode ErrorCode { get; }

    /// <summary>The stream this fault concerns (a stream error), or 0 when it concerns the whole connection.</summary>
    public int StreamId { get; }
}
