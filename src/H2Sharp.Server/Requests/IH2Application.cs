using System.Threading.Tasks;

namespace H2Sharp.Server;

/// <summary>
/// What an <see cref="H2Server"/> calls for each request (the counterpart of ASP.NET Core's
/// <c>IHttpApplication</c>).
/// </summary>
/// <remarks>
/// <see cref="HandleAsync"/> is called on the connection's own loop as soon as a request's
/// headers arrive, so the part of it that runs before its first real await delays the other
/// streams of that connection: never block in it. What it writes before returning goes out
/// in the same socket write as the other responses of that read. When the returned task
/// completes, the response is completed (<see cref="H2ServerRequestContext.CompleteAsync"/>);
/// if it faults, the client gets 500 (response not started) or RST_STREAM INTERNAL_ERROR.
/// </remarks>
public interface IH2Application
{
    /// <summary>Handles one request.</summary>
    /// <param name="context">The request and its response; valid until the returned task completes (it is reused afterwards).</param>
    /// <returns>A task that completes when the app is done with the request.</returns>
    ValueTask HandleAsync(H2ServerRequestContext context);
}
