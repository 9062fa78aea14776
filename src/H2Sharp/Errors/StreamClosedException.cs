using System;

namespace H2Sharp;

/// <summary>
/// The caller acted on a stream that is closed, or sent on a stream this side already ended
/// (h2's <c>StreamClosedError</c>). Often a race rather than a bug: the peer reset the stream
/// (<see cref="Events.StreamReset"/>) while the application was still writing. An
/// <see cref="InvalidOperationException"/>: nothing was queued and the connection stays usable.
/// A peer that sends on a stream it closed is answered on the wire instead, and reported as a
/// <see cref="ProtocolException"/> with <see cref="ErrorCode.StreamClosed"/>.
/// </summary>
public class StreamClosedException : NoSuchStreamException
{
    /// <summary>Creates the exception with a default message.</summary>
    public StreamClosedException() : base("The stream is closed.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public StreamClosedException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public StreamClosedException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for one stream.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="streamId">The closed stream.</param>
    public StreamClosedException(string message, int streamId) : base(message, streamId) { }
}
