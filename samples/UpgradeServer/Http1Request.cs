using System.Text;

namespace UpgradeServer;

/// <summary>
/// Just enough HTTP/1.1 to read the request that asks for the upgrade: the request line and the
/// header fields. A real server would use a real HTTP/1.1 parser and serve HTTP/1.1 too.
/// </summary>
internal sealed class Http1Request
{
    private Http1Request(string method, string target, string version, List<KeyValuePair<string, string>> headers)
    {
        Method = method;
        Target = target;
        Version = version;
        Headers = headers;
    }

    public string Method { get; }

    public string Target { get; }

    public string Version { get; }

    /// <summary>The header fields in order, names as sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Parses the head (request line and fields, without the final empty line); null if malformed.</summary>
    public static Http1Request? Parse(ReadOnlySpan<byte> head)
    {
        string[] lines = Encoding.Latin1.GetString(head).Split("\r\n");
        string[] requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3)
        {
            return null;
        }
        var headers = new List<KeyValuePair<string, string>>();
        foreach (string line in lines.AsSpan(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return null;
            }
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim(' ', '\t')));
        }
        return new Http1Request(requestLine[0], requestLine[1], requestLine[2], headers);
    }

    /// <summary>Every value of a field (names compare case-insensitively).</summary>
    public List<string> Values(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    /// <summary>Whether a comma-separated field such as Connection or Upgrade lists the token.</summary>
    public bool HasToken(string name, string token) =>
        Values(name).SelectMany(v => v.Split(',')).Any(t => t.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));
}
