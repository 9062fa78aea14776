using System.Diagnostics;

namespace H2Sharp.Http.Tests.Support;

/// <summary>A server program (nghttpd, node) started for a test and killed, by its pid, when disposed.</summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;

    private PeerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    private System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>What the program printed so far (stdout and stderr), for failure messages.</summary>
    public string Output => string.Join("\n", _output);

    /// <summary>Starts <paramref name="program"/> with the arguments (which contain "{port}") and waits for it to listen.</summary>
    public static async Task<PeerProcess> StartAsync(string program, string debianPackage, params string[] arguments)
    {
        int port = Loopback.FreePort();
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException(program + " did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed (Debian package {debianPackage}; ./test.sh installs it).", e);
        }

        var peerOutput = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { peerOutput.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { peerOutput.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new PeerProcess(process, port) { _output = peerOutput };
        await Loopback.WaitForListenerAsync(port, TimeSpan.FromSeconds(15));
        return peer;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
