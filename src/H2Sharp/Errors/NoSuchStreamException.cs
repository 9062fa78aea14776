using System;

namespace H2Sharp;

/// <summary>
/// The caller named a stream that is not open: one never opened (h2's <c>NoSuchStreamError</c>),
/// or, as the subclass <see cref="StreamClosedException"/>, one already closed. A caller error
/// (the operation is invalid in the stream's state): nothing was queued and the connection stays
/// usable. A stream id that can never be valid (0, negative, the wrong parity) is an
/// <see cref="ArgumentOutOfRangeException"/> instead.
/// </summary>
public class NoSuchStreamException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public NoSuchStreamException() : base("No such stream.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public NoSuchStreamException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NoSuchStreamException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one stream.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="streamId">The stream the caller named.</param>
    public NoSuchStreamException(string message, int streamId) : base(message)
    {
        StreamId = streamId;
    }

    /// <summary>The stream the caller named (h2's <c>stream_id</c>), or 0 when not given.</summary>
    public int StreamId { get; }
}
