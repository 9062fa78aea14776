using System.Diagnostics;
using System.Text;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// A peer program started by a test: output captured, a bounded wait, and on dispose the
/// process (only the one we started, by its id) is killed if still running.
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource _stdoutDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PeerProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string StandardOutput { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string StandardError { get { lock (_stderr) { return _stderr.ToString(); } } }

    public bool HasExited => _process.HasExited;

    public static PeerProcess Start(string fileName, string arguments, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => peer.Append(peer._stdout, peer._stdoutDone, e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(peer._stderr, peer._stderrDone, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Waits for the process to exit; returns its exit code, or fails the test after the timeout.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            Assert.Fail($"'{_process.StartInfo.FileName} {_process.StartInfo.Arguments}' did not finish in {timeout.TotalSeconds} s.\nstdout: {StandardOutput}\nstderr: {StandardError}");
        }
        Task.WaitAll(new Task[] { _stdoutDone.Task, _stderrDone.Task }, TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    /// <summary>Waits until the output contains <paramref name="text"/> (e.g. "listening"), or fails after the timeout.</summary>
    public void WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (StandardOutput.Contains(text, StringComparison.Ordinal) || StandardError.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
            if (_process.HasExited)
            {
                break;
            }
            Thread.Sleep(20);
        }
        Assert.Fail($"'{_process.StartInfo.FileName}' did not print '{text}'.\nstdout: {StandardOutput}\nstderr: {StandardError}");
    }

    /// <summary>Writes all of <paramref name="text"/> to the process's standard input and closes it.</summary>
    public void WriteInput(string text)
    {
        _process.StandardInput.Write(text);
        _process.StandardInput.Close();
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(StringBuilder target, TaskCompletionSource done, string? line)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }
        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
