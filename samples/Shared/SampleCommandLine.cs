using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

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
    public static Option<int> Port(string description, Func<int> fallback) => Number("--port", description, 0, 65535, fallback);

    /// <summary><c>NAME N</c>: a port that has no default (the listener is optional, or another option gives the port).</summary>
    public static Option<int?> OptionalPort(string name, string description, string helpName = "N") => OptionalNumber(name, description, 0, 65535, helpName);

    /// <summary><c>--exit-after-seconds N</c>: the server stops on its own (scripts and tests use it so that nothing is left running).</summary>
    public static Option<double?> ExitAfterSeconds() =>
        OptionalNumber("--exit-after-seconds", "Stop on its own after N seconds (scripts and tests use it).", 0.001, 31_536_000.0);

    /// <summary><c>NAME N</c>: a number from <paramref name="min"/> to <paramref name="max"/>, <paramref name="fallback"/> when not given.</summary>
    public static Option<T> Number<T>(string name, string description, T min, T max, Func<T> fallback, string helpName = "N")
        where T : struct, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new Option<T>(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => fallback(),
            CustomParser = result => Parse(result, name, min, max),
        };
    }

    /// <summary><c>NAME N</c>: a number from <paramref name="min"/> to <paramref name="max"/>, or null when not given.</summary>
    public static Option<T?> OptionalNumber<T>(string name, string description, T min, T max, string helpName = "N")
        where T : struct, INumber<T> =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result => Parse(result, name, min, max),
        };

    // The range check is part of the parse, so a value that is not a number at all gets the same
    // message (a validator would only run on a value that converted).
    private static T Parse<T>(ArgumentResult result, string name, T min, T max)
        where T : struct, INumber<T>
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out T value) || value < min || value > max
            || (T.IsInteger(min) && !T.IsInteger(value)))
        {
            result.AddError($"{name} takes a number from {min.ToString(null, CultureInfo.InvariantCulture)} to {max.ToString(null, CultureInfo.InvariantCulture)}, not '{text}'.");
            return min;
        }
        return value;
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
