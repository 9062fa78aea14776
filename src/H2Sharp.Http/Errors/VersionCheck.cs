using System;
using System.Net;
using System.Net.Http;

namespace H2Sharp.Http;

/// <summary>HttpRequestMessage.Version and VersionPolicy against what this handler speaks: HTTP/2 only.</summary>
internal static class VersionCheck
{
    /// <summary>Null when HTTP/2 satisfies the request's version policy, else the exception to fail it with.</summary>
    public static HttpRequestException? Refusal(HttpRequestMessage request)
    {
        Version version = request.Version;
        bool allowed = request.VersionPolicy switch
        {
            HttpVersionPolicy.RequestVersionExact => version.Major == 2 && version.Minor == 0,
            HttpVersionPolicy.RequestVersionOrHigher => version.Major < 2 || (version.Major == 2 && version.Minor == 0),
            _ => version.Major >= 2, // RequestVersionOrLower
        };
        if (allowed)
        {
            return null;
        }

        return new HttpRequestException(HttpRequestError.VersionNegotiationError,
            $"H2SharpHandler speaks HTTP/2 only, and this request asks for HTTP/{version} with {request.VersionPolicy}. " +
            "Set request.Version = HttpVersion.Version20 (or HttpClient.DefaultRequestVersion), or a VersionPolicy that allows 2.0, " +
            "such as RequestVersionOrHigher.");
    }
}
