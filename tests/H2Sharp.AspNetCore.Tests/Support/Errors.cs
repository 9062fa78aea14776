using System.Net.Http;

namespace H2Sharp.AspNetCore.Tests;

/// <summary>Reads what HttpClient reports about a reset stream.</summary>
public static class Errors
{
    /// <summary>The HTTP/2 error code of the RST_STREAM (or GOAWAY) somewhere in <paramref name="exception"/>'s chain, or null.</summary>
    public static long? Http2ErrorCode(Exception? exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpProtocolException protocol)
            {
                return protocol.ErrorCode;
            }
        }
        return null;
    }
}
