using System;

namespace H2Sharp;

/// <summary>
/// Opening (or prioritizing, or starting a pushed response on) one more stream now would
/// exceed the peer's SETTINGS_MAX_CONCURRENT_STREAMS (h2's <c>TooManyStreamsError</c>). A caller
/// error: wait for a stream to close (<see cref="H2Connection.OpenOutboundStreams"/>), then
/// retry. A peer that opens too many streams gets RST_STREAM REFUSED_STREAM instead.
/// </summary>
public class TooManyStreamsException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public TooManyStreamsException() : base("Too many concurrent streams are open; wait for one to close.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public TooManyStreamsException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TooManyStreamsException(string message, Exception innerException) : base(message, innerException) { }
}
