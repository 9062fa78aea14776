using System.Text;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>A response as curl printed it with <c>-i</c>: status line, header lines, body bytes.</summary>
internal sealed class CurlResponse
{
    private CurlResponse(string version, int status, List<KeyValuePair<string, string>> headers, byte[] body)
    {
        Version = version;
        Status = status;
        Headers = headers;
        Body = body;
    }

    /// <summary>"HTTP/2" or "HTTP/1.1".</summary>
    public string Version { get; }

    public int Status { get; }

    /// <summary>The final response's header lines, in order, names as printed.</summary>
    public List<KeyValuePair<string, string>> Headers { get; }

    public byte[] Body { get; }

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The single value of a header (case-insensitive name); fails if absent or repeated.</summary>
    public string Header(string name)
    {
        var values = Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(values.Count == 1, $"expected one '{name}' header, got {values.Count}: {string.Join(", ", Headers)}");
        return values[0].Value;
    }

    /// <summary>The user-agent curl sends, "curl/VERSION".</summary>
    public static string UserAgent()
    {
        using var version = PeerProcess.Start(ExternalTool.Require("curl", "curl"), "--version");
        version.WaitForExit(TimeSpan.FromSeconds(30));
        return "curl/" + version.StandardOutput.Split(' ')[1];
    }

    /// <summary>Runs curl with <c>-sS -i</c> and the arguments, then parses what it printed.</summary>
    public static CurlResponse Fetch(string arguments)
    {
        string curl = ExternalTool.Require("curl", "curl");
        var (exitCode, output, error) = SampleProgram.RunForBytes(curl, "-sS -i --max-time 60 " + arguments, TimeSpan.FromSeconds(90));
        Assert.True(exitCode == 0, $"curl {arguments} failed ({exitCode}): {error}");
        return Parse(output);
    }

    /// <summary>Parses "-i" output; interim (1xx) blocks such as 101 Switching Protocols are skipped.</summary>
    public static CurlResponse Parse(byte[] output)
    {
        int offset = 0;
        while (true)
        {
            int end = IndexOf(output, "\r\n\r\n"u8, offset);
            Assert.True(end >= 0, "no end of headers in curl's output: " + Encoding.UTF8.GetString(output));
            string[] lines = Encoding.ASCII.GetString(output, offset, end - offset).Split("\r\n");
            string[] statusLine = lines[0].Split(' ', 3);
            int status = int.Parse(statusLine[1], System.Globalization.CultureInfo.InvariantCulture);
            offset = end + 4;
            if (status is >= 100 and < 200)
            {
                continue;
            }
            var headers = new List<KeyValuePair<string, string>>();
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
            }
            return new CurlResponse(statusLine[0], status, headers, output[offset..]);
        }
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle, int start)
    {
        int found = haystack.AsSpan(start).IndexOf(needle);
        return found < 0 ? -1 : start + found;
    }
}
