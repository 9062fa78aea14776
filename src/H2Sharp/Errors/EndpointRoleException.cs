using System;

namespace H2Sharp;

/// <summary>
/// The caller asked one side of the connection for something only the other side may do: a
/// client advertising an alternative service or pushing a stream, a server opening a stream
/// with headers, prioritizing streams or sending PRIORITY_UPDATE. Nothing was queued and the
/// connection stays usable. h2 raises <c>RFC1122Error</c> ("be conservative in what you send")
/// for some of these and <c>ProtocolError</c> for the others; see docs/errors.md.
/// </summary>
public class EndpointRoleException : InvalidOperationException
{
    /// <summary>Creates the exception with a default message.</summary>
    public EndpointRoleException() : base("This side of the connection (client or server) may not do this.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What this side may not do, and what to do instead.</param>
    public EndpointRoleException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What this side may not do.</param>
    /// <param name="innerException">The cause.</param>
    public EndpointRoleException(string message, Exception innerException) : base(message, innerException) { }
}
