using System;

namespace H2Sharp;

/// <summary>
/// The peer sent a SETTINGS value (in a SETTINGS frame or an HTTP2-Settings header) out of its allowed range or a change the RFCs forbid; a caller's invalid value for <see cref="H2Connection.UpdateSettings"/> is an <see cref="ArgumentException"/> instead; <see cref="ProtocolException.ErrorCode"/> tells which code applies (FLOW_CONTROL_ERROR for INITIAL_WINDOW_SIZE, PROTOCOL_ERROR otherwise; h2's <c>InvalidSettingsValueError</c>).
/// </summary>
public class InvalidSettingsValueException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public InvalidSettingsValueException() : base("A SETTINGS value is out of range.", ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public InvalidSettingsValueException(string message) : base(message, ErrorCode.ProtocolError, 0) { }

    /// <summary>Creates the exception with a cause. Code: ProtocolError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidSettingsValueException(string message, Exception innerException) : base(message, ErrorCode.ProtocolError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public InvalidSettingsValueException(string message, int streamId) : base(message, ErrorCode.ProtocolError, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public InvalidSettingsValueException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidSettingsValueException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
