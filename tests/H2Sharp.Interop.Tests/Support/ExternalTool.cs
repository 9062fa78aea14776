namespace H2Sharp.Interop.Tests.Support;

/// <summary>Finds the real peers the interop tests talk to, or fails with the Debian package to install.</summary>
internal static class ExternalTool
{
    /// <summary>Returns the full path of <paramref name="command"/>, or fails the test naming the package.</summary>
    public static string Require(string command, string debianPackage)
    {
        string? path = Find(command);
        Assert.True(path is not null,
            $"'{command}' is not installed. Install the Debian package '{debianPackage}' (./test.sh does this).");
        return path!;
    }

    /// <summary>A Python interpreter that can import h2 (Debian's python3-h2), or fails the test.</summary>
    public static string RequirePythonH2()
    {
        foreach (string? candidate in new[] { Environment.GetEnvironmentVariable("H2SHARP_PYTHON"), "/usr/bin/python3", Find("python3") })
        {
            if (string.IsNullOrEmpty(candidate) || !File.Exists(candidate))
            {
                continue;
            }
            using var probe = PeerProcess.Start(candidate, "-c \"import h2\"");
            if (probe.WaitForExit(TimeSpan.FromSeconds(20)) == 0)
            {
                return candidate;
            }
        }
        Assert.Fail("No python3 with the h2 module. Install the Debian package 'python3-h2' (./test.sh does this).");
        return "";
    }

    private static string? Find(string command)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(new[] { "/usr/sbin", "/usr/bin", "/sbin" }))
        {
            string candidate = Path.Combine(dir, command);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
