using System;

namespace H2Sharp;

/// <summary>
/// The base of every exception H2Sharp throws for protocol reasons (h2's <c>H2Error</c>).
/// Catch this to handle anything the stack reports about the peer or about misuse of the API
/// that is specific to HTTP/2.
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
