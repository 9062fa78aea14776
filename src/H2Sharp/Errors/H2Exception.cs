using System;

namespace H2Sharp;

/// <summary>
/// The base of the exceptions that report what the peer did wrong (h2's <c>H2Error</c>); every
/// one H2Sharp throws is a <see cref="ProtocolException"/>. Misuse of the API by the caller is
/// not an <see cref="H2Exception"/>: it is an <see cref="InvalidOperationException"/> (or a
/// subclass such as <see cref="StreamClosedException"/>) or an <see cref="ArgumentException"/>,
/// as .NET code expects; see docs/errors.md for which is which.
/// </summary>
public class H2Exception : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public H2Exception() : base("An HTTP/2 error occurred.") { }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong and, where it helps, what to do.</param>
    public H2Exception(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public H2Exception(string message, Exception innerException) : base(message, innerException) { }
}
