using System;

namespace H2Sharp.Hpack;

/// <summary>
/// The header block ended (END_HEADERS) in the middle of a field representation. COMPRESSION_ERROR, connection-scoped.
/// </summary>
public class HpackTruncatedException : HpackDecodingException
{
    /// <summary>Creates the exception with a default message.</summary>
    public HpackTruncatedException() : base("The header block ends inside a field.") { }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public HpackTruncatedException(string message) : base(message) { }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public HpackTruncatedException(string message, Exception innerException) : base(message, innerException) { }
}
