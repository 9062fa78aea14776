using System.Net.Http;
using System.Threading.Tasks;

namespace H2Sharp.Http;

/// <summary>
/// A response the server pushed (PUSH_PROMISE), handed to <see cref="H2SharpHandler.ServerPushReceived"/>
/// when <see cref="H2SharpHandler.EnableServerPush"/> is true.
/// </summary>
public sealed class H2SharpPushedResponse
{
    internal H2SharpPushedResponse(HttpRequestMessage request, Task<HttpResponseMessage> response)
    {
        Request = request;
        Response = response;
    }

    /// <summary>The request the server promised to answer: method, URI and the promise's header fields.</summary>
    public HttpRequestMessage Request { get; }

    /// <summary>Completes with the pushed response when its headers arrive; dispose it when done.</summary>
    public Task<HttpResponseMessage> Response { get; }
}
