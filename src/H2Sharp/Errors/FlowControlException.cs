using System;

namespace H2Sharp;

/// <summary>
/// The peer broke flow control: it sent more than a window allowed, or took a window past 2^31-1 (FLOW_CONTROL_ERROR; h2's <c>FlowControlError</c>). A caller that sends more than the peer's window allows gets an <see cref="InvalidOperationException"/> instead, and one whose increment would overflow our window an <see cref="ArgumentOutOfRangeException"/>.
/// </summary>
public class FlowControlException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public FlowControlException() : base("A flow-control window was violated.", ErrorCode.FlowControlError, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public FlowControlException(string message) : base(message, ErrorCode.FlowControlError, 0) { }

    /// <summary>Creates the exception with a cause. Code: FlowControlError, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public FlowControlException(string message, Exception innerException) : base(message, ErrorCode.FlowControlError, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public FlowControlException(string message, int streamId) : base(message, ErrorCode.FlowControlError, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public FlowControlException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public FlowControlException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
