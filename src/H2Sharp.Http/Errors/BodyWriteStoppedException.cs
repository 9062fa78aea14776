using System.IO;

namespace H2Sharp.Http;

/// <summary>
/// Thrown to the request body writer when its stream can take no more DATA (the server ended or
/// reset it, the connection closed). The writer stops quietly: the response says what happened.
/// </summary>
internal sealed class BodyWriteStoppedException : IOException
{
    public BodyWriteStoppedException()
        : base("The HTTP/2 stream can take no more request body.")
    {
    }

    public BodyWriteStoppedException(string message)
        : base(message)
    {
    }

    public BodyWriteStoppedException(string message, System.Exception innerException)
        : base(message, innerException)
    {
    }
}
