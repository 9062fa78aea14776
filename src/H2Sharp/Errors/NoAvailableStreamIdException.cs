using System;

namespace H2Sharp;

/// <summary>
/// Every stream id this side may use (up to 2^31-1) has been used (h2's
/// <c>NoAvailableStreamIDError</c>). A caller error: open a new connection.
/// </summary>
public class NoAvailableStreamIdException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public NoAvailableStreamIdException() : base("No stream ids are left on this connection; open a new connection.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    public NoAvailableStreamIdException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public NoAvailableStreamIdException(string message, Exception innerException) : base(message, innerException) { }
}
