using System.Diagnostics;

namespace H2Sharp.Http.Tests.Support;

/// <summary>
/// Builds Peers/go_h2c_server.go offline with Debian's Go (golang-go) and golang.org/x/net from
/// golang-golang-x-net-dev (GOPATH /usr/share/gocode, no modules, no network), once per test run.
/// </summary>
internal static class GoPeer
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _binary;

    /// <summary>Starts the Go h2c server on a free port and waits for it to listen.</summary>
    public static async Task<PeerProcess> StartAsync()
    {
        string binary = await BuildAsync();
        return await PeerProcess.StartAsync(binary, "golang-go golang-golang-x-net-dev", "{port}");
    }

    private static async Task<string> BuildAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_binary is not null)
            {
                return _binary;
            }

            string source = Path.Combine(AppContext.BaseDirectory, "Peers", "go_h2c_server.go");
            string work = Directory.CreateTempSubdirectory("h2sharp-go-").FullName;
            string binary = Path.Combine(work, "go_h2c_server");
            var info = new ProcessStartInfo("go") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = work };
            foreach (string a in new[] { "build", "-o", binary, source })
            {
                info.ArgumentList.Add(a);
            }

            // Debian's packages, no module proxy: GOPATH mode over /usr/share/gocode.
            info.Environment["GO111MODULE"] = "off";
            info.Environment["GOPATH"] = "/usr/share/gocode";
            info.Environment["GOCACHE"] = Path.Combine(work, "cache");
            info.Environment["GOFLAGS"] = "";
            info.Environment["GOPROXY"] = "off";
            Process process;
            try
            {
                process = Process.Start(info)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("go is not installed (Debian packages golang-go and golang-golang-x-net-dev; ./test.sh installs them).", e);
            }

            using (process)
            {
                Task<string> stderr = process.StandardError.ReadToEndAsync();
                Task<string> stdout = process.StandardOutput.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
                await process.WaitForExitAsync(timeout.Token);
                Assert.True(process.ExitCode == 0, "go build failed (is golang-golang-x-net-dev installed?):\n" + await stdout + await stderr);
            }

            Directory.Delete(Path.Combine(work, "cache"), recursive: true);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                    // Still running somewhere: the temp directory keeps it.
                }
            };
            _binary = binary;
            return binary;
        }
        finally
        {
            Gate.Release();
        }
    }
}
