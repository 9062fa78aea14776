using System.Collections.Concurrent;
using System.Globalization;
using H2Sharp;

namespace AsyncServer;

/// <summary>
/// The static files under the root, each read once and kept in memory with its response headers
/// made once, so serving one costs no file read and no header allocation. Files changed after
/// their first request are not seen again: a sample's trade, not a cache policy.
/// </summary>
internal sealed class StaticFiles(string root)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
    private readonly ConcurrentDictionary<string, Entry?> _entries = new(StringComparer.Ordinal);

    /// <summary>The file for a URL path (no query), or null when there is none under the root.</summary>
    public Entry? Find(string path) => _entries.GetOrAdd(path, Load);

    private Entry? Load(string path)
    {
        if (path.EndsWith('/'))
        {
            path += "index.html";
        }
        // Only files under the root: "/../secret" resolves outside it and is not found.
        string full = Path.GetFullPath(Path.Join(_root, Uri.UnescapeDataString(path)));
        if (!full.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }
        byte[] body = File.ReadAllBytes(full);
        return new Entry(body, ContentTypes.For(full));
    }

    /// <summary>One file: its bytes and the fields that go with them.</summary>
    internal sealed class Entry(byte[] body, string contentType)
    {
        public byte[] Body { get; } = body;

        public HeaderField[] Headers { get; } =
        [
            new("content-type", contentType),
            new("content-length", body.Length.ToString(CultureInfo.InvariantCulture)),
            Router.ServerField,
        ];
    }
}
