using System.Text;
using System.Text.RegularExpressions;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>Runs nghttp (nghttp2-client) against a sample and reads what it printed.</summary>
internal static class NghttpRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The body nghttp printed for one URL (nghttp writes bodies, and only bodies, to stdout).</summary>
    public static byte[] Body(string arguments)
    {
        var (exitCode, output, error) = SampleProgram.RunForBytes(Require(), "-t 60 " + arguments, Timeout);
        Assert.True(exitCode == 0, $"nghttp {arguments} failed ({exitCode}): {error}");
        return output;
    }

    /// <summary>The verbose trace (-nv: frames and headers, bodies discarded).</summary>
    public static string Trace(string arguments)
    {
        var (exitCode, output, error) = SampleProgram.RunForBytes(Require(), "-t 60 -nv " + arguments, Timeout);
        string trace = Encoding.UTF8.GetString(output);
        Assert.True(exitCode == 0, $"nghttp -nv {arguments} failed ({exitCode}): {error}\n{trace}");
        return trace;
    }

    /// <summary>The response headers nghttp received on a stream, from its verbose trace.</summary>
    public static List<KeyValuePair<string, string>> ReceivedHeaders(string trace, int streamId)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (Match m in Regex.Matches(trace, $@"recv \(stream_id={streamId}\) ([^:\s][^:]*|:[a-z]+): (.*)$", RegexOptions.Multiline))
        {
            headers.Add(new(m.Groups[1].Value, m.Groups[2].Value.TrimEnd('\r')));
        }
        return headers;
    }

    /// <summary>The user-agent nghttp sends, "nghttp2/VERSION".</summary>
    public static string UserAgent()
    {
        using var version = PeerProcess.Start(Require(), "--version");
        version.WaitForExit(TimeSpan.FromSeconds(30));
        return version.StandardOutput.Trim().Split(' ')[1];
    }

    private static string Require() => ExternalTool.Require("nghttp", "nghttp2-client");
}
