using System.Diagnostics;

namespace H2Sharp.Server.Tests.Support;

/// <summary>Runs a peer program (curl, nghttp, h2load; installed by ./test.sh) with a time limit.</summary>
internal static class Tool
{
    public static (int ExitCode, string Output) Run(string program, string arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed: run ./test.sh (it installs curl and nghttp2-client).", e);
        }
        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} {arguments} did not finish in {timeout}.");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
