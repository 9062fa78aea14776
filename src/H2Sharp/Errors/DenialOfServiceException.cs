using System;

namespace H2Sharp;

/// <summary>
/// The peer's behaviour looks like an attack (a flood of frames, an oversized header list, endless CONTINUATION) and a configured limit was reached (ENHANCE_YOUR_CALM; h2's <c>DenialOfServiceError</c>).
/// </summary>
public class DenialOfServiceException : ProtocolException
{
    /// <summary>Creates the exception with a default message, connection-scoped.</summary>
    public DenialOfServiceException() : base("The peer exceeded a protection limit.", ErrorCode.EnhanceYourCalm, 0) { }

    /// <summary>Creates the exception, connection-scoped.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public DenialOfServiceException(string message) : base(message, ErrorCode.EnhanceYourCalm, 0) { }

    /// <summary>Creates the exception with a cause. Code: EnhanceYourCalm, connection-scoped.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DenialOfServiceException(string message, Exception innerException) : base(message, ErrorCode.EnhanceYourCalm, 0, innerException) { }

    /// <summary>Creates the exception scoped to a stream (0 for the connection).</summary>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public DenialOfServiceException(string message, int streamId) : base(message, ErrorCode.EnhanceYourCalm, streamId) { }

    /// <summary>Creates the exception with an explicit error code and scope.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    public DenialOfServiceException(string message, ErrorCode errorCode, int streamId) : base(message, errorCode, streamId) { }

    /// <summary>Creates the exception with an explicit error code, scope and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="errorCode">The RFC 9113 error code.</param>
    /// <param name="streamId">The stream concerned, or 0.</param>
    /// <param name="innerException">The cause.</param>
    public DenialOfServiceException(string message, ErrorCode errorCode, int streamId, Exception innerException) : base(message, errorCode, streamId, innerException) { }
}
