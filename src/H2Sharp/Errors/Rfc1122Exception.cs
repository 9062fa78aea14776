using System;

namespace H2Sharp;

/// <summary>
/// The caller asked for something the RFCs say an endpoint MUST NOT do but that is not a
/// wire-level protocol error, such as a client advertising an alternative service
/// (h2's <c>RFC1122Error</c>: "be conservative in what you send").
/// </summary>
public class Rfc1122Exception : H2Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public Rfc1122Exception() : base("The RFCs forbid this action for this endpoint.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was forbidden and why.</param>
    public Rfc1122Exception(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was forbidden.</param>
    /// <param name="innerException">The cause.</param>
    public Rfc1122Exception(string message, Exception innerException) : base(message, innerException) { }
}
