using Microsoft.Extensions.Hosting;

namespace H2Sharp.Samples;

/// <summary>Stops the host after a while, as if Ctrl+C had been pressed (<c>--exit-after-seconds</c>).</summary>
internal sealed class ExitAfter(TimeSpan after, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(after, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return; // the host is stopping anyway
        }
        lifetime.StopApplication();
    }
}
