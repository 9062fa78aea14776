using System.CommandLine;
using H2Sharp.Samples;

namespace AspNetCoreServer;

/// <summary>The sample's command line, parsed by System.CommandLine (<c>--help</c> lists it).</summary>
public sealed class SampleOptions
{
    /// <summary>Serve with Kestrel instead of H2Sharp (same app, same handlers).</summary>
    public bool Kestrel { get; private init; }

    /// <summary>The port on 127.0.0.1: cleartext prior knowledge when <see cref="Tls"/> is false.</summary>
    public int Port { get; private init; } = 8443;

    /// <summary>Whether the listener uses TLS (ALPN h2).</summary>
    public bool Tls { get; private init; } = true;

    /// <summary>A PEM certificate file; a self-signed certificate when null.</summary>
    public string? CertificatePath { get; private init; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; private init; }

    /// <summary>How many replies SayHelloStream sends.</summary>
    public int StreamCount { get; private init; } = 3;

    /// <summary>The pause before each SayHelloStream reply after the first (lets tests hit deadlines and cancel mid-stream).</summary>
    public TimeSpan StreamInterval { get; private init; }

    /// <summary>The command line, whose action runs <paramref name="run"/> with the parsed options.</summary>
    public static RootCommand CreateCommand(Func<SampleOptions, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        RootCommand command = Define(out Func<ParseResult, SampleOptions> bind);
        command.SetAction((parsed, cancellationToken) => run(bind(parsed), cancellationToken));
        return command;
    }

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value; the message says which.</exception>
    public static SampleOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        RootCommand command = Define(out Func<ParseResult, SampleOptions> bind);
        ParseResult parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", parsed.Errors.Select(e => e.Message)), nameof(args));
        }
        return bind(parsed);
    }

    private static RootCommand Define(out Func<ParseResult, SampleOptions> bind)
    {
        var kestrel = new Option<bool>("--kestrel") { Description = "Serve with Kestrel instead of H2Sharp (same app, same handlers)." };
        Option<int?> h2c = SampleCommandLine.OptionalPort("--h2c", "Cleartext HTTP/2 with prior knowledge on PORT (instead of TLS).", "PORT");
        Option<int?> port = SampleCommandLine.OptionalPort("--port", "TLS (ALPN h2) on PORT (default 8443).", "PORT");
        Option<int> streamCount = SampleCommandLine.Number("--stream-count", "How many replies SayHelloStream sends.", 1, 1000, () => 3);
        Option<int> streamInterval = SampleCommandLine.Number("--stream-interval-ms", "The pause before each SayHelloStream reply after the first.", 0, 60_000, () => 0, "MS");

        var command = new RootCommand("One ASP.NET Core app (GET /, POST /echo, gRPC greet.Greeter, WebSocket /ws) on H2Sharp, or on Kestrel with --kestrel.")
        {
            kestrel, h2c, port,
        };
        var (certificate, key) = SampleCommandLine.CertificateFiles(command);
        command.Options.Add(streamCount);
        command.Options.Add(streamInterval);
        command.Validators.Add(result =>
        {
            if (result.GetResult(h2c) is not null && result.GetResult(port) is not null)
            {
                result.AddError("--h2c and --port are alternatives: cleartext on one port, or TLS on another.");
            }
            if (result.GetResult(h2c) is not null && result.GetResult(certificate) is not null)
            {
                result.AddError("--cert and --key are for TLS (--port), not for --h2c.");
            }
        });

        bind = parsed =>
        {
            int? cleartextPort = parsed.GetValue(h2c);
            return new SampleOptions
            {
                Kestrel = parsed.GetValue(kestrel),
                Tls = cleartextPort is null,
                Port = cleartextPort ?? parsed.GetValue(port) ?? 8443,
                CertificatePath = parsed.GetValue(certificate)?.FullName,
                KeyPath = parsed.GetValue(key)?.FullName,
                StreamCount = parsed.GetValue(streamCount),
                StreamInterval = TimeSpan.FromMilliseconds(parsed.GetValue(streamInterval)),
            };
        };
        return command;
    }
}
