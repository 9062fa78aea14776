using H2Sharp.Server;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsyncServer;

/// <summary>Runs the <see cref="H2Server"/> in the Generic Host: started with the host, stopped gracefully with it.</summary>
internal sealed partial class ServerHost(H2Server server, string root, ILogger<ServerHost> logger) : IHostedService, IAsyncDisposable
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await server.StartAsync(cancellationToken);
        // The server logs each endpoint it bound; these are the URLs to try (endpoints in the order they were configured).
        for (int i = 0; i < server.BoundEndPoints.Count; i++)
        {
            int port = server.BoundEndPoints[i].Port;
            if (server.Options.ListenOptions[i].IsTls)
            {
                Serving(logger, root, $"https://127.0.0.1:{port}/", "HTTP/2 over TLS, ALPN h2");
            }
            else
            {
                Serving(logger, root, $"http://127.0.0.1:{port}/", "HTTP/2 with prior knowledge");
            }
        }
    }

    /// <summary>GOAWAY to every client; streams in flight get the server's ShutdownTimeout to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await server.StopAsync(cancellationToken);
        Stopped(logger);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [LoggerMessage(1, LogLevel.Information, "Serving {Root} at {Url} ({Kind})")]
    private static partial void Serving(ILogger logger, string root, string url, string kind);

    [LoggerMessage(2, LogLevel.Information, "Stopped.")]
    private static partial void Stopped(ILogger logger);
}
