using System.Globalization;

namespace AspNetCoreServer;

/// <summary>The sample's command line.</summary>
public sealed class SampleOptions
{
    /// <summary>The usage text printed on a bad command line.</summary>
    public const string Usage =
        "usage: AspNetCoreServer [--kestrel] [--h2c PORT | --port PORT [--cert CERT.pem --key KEY.pem]] [--stream-count N] [--stream-interval-ms MS]";

    /// <summary>Serve with Kestrel instead of H2Sharp (same app, same handlers).</summary>
    public bool Kestrel { get; private set; }

    /// <summary>The port on 127.0.0.1: cleartext prior knowledge when <see cref="Tls"/> is false.</summary>
    public int Port { get; private set; } = 8443;

    /// <summary>Whether the listener uses TLS (ALPN h2).</summary>
    public bool Tls { get; private set; } = true;

    /// <summary>A PEM certificate file; a self-signed certificate when null.</summary>
    public string? CertificatePath { get; private set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; private set; }

    /// <summary>How many replies SayHelloStream sends.</summary>
    public int StreamCount { get; private set; } = 3;

    /// <summary>The pause before each SayHelloStream reply after the first (lets tests hit deadlines and cancel mid-stream).</summary>
    public TimeSpan StreamInterval { get; private set; }

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown flag or a bad value.</exception>
    public static SampleOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SampleOptions();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--kestrel":
                    options.Kestrel = true;
                    break;
                case "--h2c":
                    options.Port = Number(args, ref i, 0, 65535);
                    options.Tls = false;
                    break;
                case "--port":
                    options.Port = Number(args, ref i, 0, 65535);
                    options.Tls = true;
                    break;
                case "--cert":
                    options.CertificatePath = Value(args, ref i);
                    break;
                case "--key":
                    options.KeyPath = Value(args, ref i);
                    break;
                case "--stream-count":
                    options.StreamCount = Number(args, ref i, 1, 1000);
                    break;
                case "--stream-interval-ms":
                    options.StreamInterval = TimeSpan.FromMilliseconds(Number(args, ref i, 0, 60_000));
                    break;
                default:
                    throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if ((options.CertificatePath is null) != (options.KeyPath is null))
        {
            throw new ArgumentException("--cert and --key go together");
        }
        return options;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{args[i]} needs a value");
        }
        return args[++i];
    }

    private static int Number(string[] args, ref int i, int min, int max)
    {
        string flag = args[i];
        string text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new ArgumentException($"{flag} takes a number from {min} to {max}, not '{text}'");
        }
        return value;
    }
}
