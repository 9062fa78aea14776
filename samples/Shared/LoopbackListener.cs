using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Samples;

/// <summary>
/// A listening socket on 127.0.0.1 run by the Generic Host: it binds when the host starts (so a
/// port in use fails the start), hands every accepted socket to <paramref name="serve"/>, and
/// when the host stops, stops accepting and waits for the connections being served to end.
/// </summary>
/// <param name="port">The port (0: one the system picks, logged).</param>
/// <param name="description">What is served there, for the log line.</param>
/// <param name="serve">Serves one connection (and owns the socket); the token is cancelled when the host stops.</param>
/// <param name="logger">Where "Listening on ..." and "Stopped." go.</param>
internal sealed partial class LoopbackListener(int port, string description, Func<Socket, CancellationToken, Task> serve, ILogger<LoopbackListener> logger) : BackgroundService
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Task> _connections = [];

    /// <summary>
    /// Runs a server that listens on 127.0.0.1:<paramref name="port"/> and serves each connection
    /// with <paramref name="serve"/>, until Ctrl+C, SIGTERM or <paramref name="exitAfterSeconds"/>.
    /// </summary>
    public static async Task<int> RunAsync(int port, string description, double? exitAfterSeconds, Func<Socket, CancellationToken, Task> serve)
    {
        HostApplicationBuilder builder = SampleHost.CreateBuilder(exitAfterSeconds);
        builder.Services.AddHostedService(services => new LoopbackListener(port, description, serve, services.GetRequiredService<ILogger<LoopbackListener>>()));
        using IHost host = builder.Build();
        await host.RunAsync();
        return 0;
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // ReuseAddress lets you restart the program at once.
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
        _listener.Listen(64);
        Listening(logger, $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}/", description);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                Socket socket = await _listener.AcceptAsync(stoppingToken);
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(serve(socket, stoppingToken));
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: no new connections.
        }
        _listener.Dispose();
        // The host waits at most its ShutdownTimeout for the connections in flight.
        await Task.WhenAll(_connections);
        Stopped(logger);
    }

    public override void Dispose()
    {
        _listener.Dispose();
        base.Dispose();
    }

    /// <summary>Runs a blocking session on a thread of its own (never share an H2Connection between threads); the task ends with it.</summary>
    public static Task OnThread(Action session)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                session();
            }
            finally
            {
                done.SetResult();
            }
        })
        { IsBackground = true }.Start();
        return done.Task;
    }

    [LoggerMessage(1, LogLevel.Information, "Listening on {Url} ({Description})")]
    private static partial void Listening(ILogger logger, string url, string description);

    [LoggerMessage(2, LogLevel.Information, "Stopped.")]
    private static partial void Stopped(ILogger logger);
}
