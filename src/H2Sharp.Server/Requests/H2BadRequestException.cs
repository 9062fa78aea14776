using System;
using System.IO;

namespace H2Sharp.Server;

/// <summary>
/// Thrown to the app reading a request body the server had to give up: larger than
/// <see cref="H2ServerRequestContext.MaxRequestBodySize"/> (413), arriving below
/// <see cref="H2ServerLimits.MinRequestBodyDataRate"/> (408), or shorter or longer than its
/// content-length (400). Kestrel's <c>BadHttpRequestException</c>; <see cref="StatusCode"/> is
/// the status the server answers with when the response has not started.
/// </summary>
public sealed class H2BadRequestException : IOException
{
    /// <summary>Creates the exception.</summary>
    public H2BadRequestException()
        : this("The request was not acceptable.", 400)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    public H2BadRequestException(string message)
        : this(message, 400)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public H2BadRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="statusCode">The status the server answers with (413, 408, 400).</param>
    public H2BadRequestException(string message, int statusCode)
        : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status that describes the fault: 413, 408 or 400.</summary>
    public int StatusCode { get; }
}
