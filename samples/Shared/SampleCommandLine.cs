using System.CommandLine;

namespace H2Sharp.Samples;

/// <summary>
/// The command line every sample shares: System.CommandLine parses it (with <c>--help</c>), a
/// bad one prints what was wrong and the help on standard error and exits with 2.
/// </summary>
internal static class SampleCommandLine
{
    /// <summary>The exit code of a command line that does not parse (what the samples always returned).</summary>
    public const int UsageExitCode = 2;

    /// <summary>
    /// <c>--port N</c>: the loopback port to listen on. <paramref name="fallback"/> gives the
    /// default (e.g. read from an environment variable).
    /// </summary>
    public static Option<int> Port(string description, Func<int> fallback)
    {
        var option = new Option<int>("--port") { Description = description, HelpName = "N", DefaultValueFactory = _ => fallback() };
        option.Validators.Add(result => InRange(result, option, 0, 65535));
        return option;
    }

    /// <summary><c>NAME N</c>: a port that has no default (the listener is optional, or another option gives the port).</summary>
    public static Option<int?> OptionalPort(string name, string description, string helpName = "N")
    {
        var option = new Option<int?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValue(option) is int port && port is < 0 or > 65535)
            {
                result.AddError($"{name} takes a port from 0 to 65535, not {port}.");
            }
        });
        return option;
    }

    /// <summary><c>--exit-after-seconds N</c>: the server stops on its own (scripts and tests use it so that nothing is left running).</summary>
    public static Option<double?> ExitAfterSeconds()
    {
        var option = new Option<double?>("--exit-after-seconds") { Description = "Stop on its own after N seconds (scripts and tests use it).", HelpName = "N" };
        option.Validators.Add(result =>
        {
            if (result.GetValue(option) is <= 0)
            {
                result.AddError("--exit-after-seconds takes a number of seconds above 0.");
            }
        });
        return option;
    }

    /// <summary>
    /// <c>--cert FILE --key FILE</c>: a PEM certificate and its key (both or neither; without them
    /// the server makes a self-signed certificate, see <c>SampleCertificates</c>).
    /// </summary>
    public static (Option<FileInfo> Certificate, Option<FileInfo> Key) CertificateFiles(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var certificate = new Option<FileInfo>("--cert") { Description = "A PEM certificate file (default: a self-signed certificate made at start-up).", HelpName = "CERT.pem" };
        var key = new Option<FileInfo>("--key") { Description = "The PEM private key of --cert.", HelpName = "KEY.pem" };
        certificate.AcceptExistingOnly();
        key.AcceptExistingOnly();
        command.Options.Add(certificate);
        command.Options.Add(key);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(certificate) is null) != (result.GetResult(key) is null))
            {
                result.AddError("--cert and --key go together: give both PEM files, or neither for a self-signed certificate.");
            }
        });
        return (certificate, key);
    }

    /// <summary>Adds an error to <paramref name="result"/> when the option's value is outside [min, max].</summary>
    public static void InRange(System.CommandLine.Parsing.OptionResult result, Option<int> option, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(option);
        int value = result.GetValue(option);
        if (value < min || value > max)
        {
            result.AddError($"{option.Name} takes a number from {min} to {max}, not {value}.");
        }
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the command's action: <c>--help</c> prints the help
    /// and exits with 0; a command line that does not parse prints its errors and the help on
    /// standard error and exits with <see cref="UsageExitCode"/>.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand command, string[] args)
    {
        ArgumentNullException.ThrowIfNull(command);
        ParseResult parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await parsed.InvokeAsync(new InvocationConfiguration { Output = Console.Error, Error = Console.Error });
            return UsageExitCode;
        }
        // The servers' Generic Host owns Ctrl+C (a graceful stop): System.CommandLine must not also handle it.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
