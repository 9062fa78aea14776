using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Samples;

/// <summary>
/// The Generic Host of the long-running server samples: console logging, Ctrl+C (or SIGTERM) as
/// a graceful stop, and <c>--exit-after-seconds</c>.
/// </summary>
internal static class SampleHost
{
    /// <summary>How long a stopping server waits for its connections in flight.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A host builder with console logging; <paramref name="exitAfterSeconds"/> stops the host on its own.</summary>
    public static HostApplicationBuilder CreateBuilder(double? exitAfterSeconds)
    {
        // No defaults: the samples parse their own flags (System.CommandLine), and no appsettings.json
        // is looked for or watched in whatever directory the sample was started from.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Log levels from the environment, as in any .NET host: Logging__LogLevel__H2Sharp.Server=Debug.
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        // Ctrl+C lets the connections in flight finish, for this long at most.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        if (exitAfterSeconds is double seconds)
        {
            builder.Services.AddHostedService(services => new ExitAfter(TimeSpan.FromSeconds(seconds), services.GetRequiredService<IHostApplicationLifetime>()));
        }
        return builder;
    }
}
