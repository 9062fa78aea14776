using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using H2Sharp;

namespace AsyncServer;

/// <summary>
/// The static files under the root, each read once and kept in memory with its response headers
/// made once, so serving one costs no file read, no header allocation and no string: the
/// request's path bytes are looked up as they are. Files changed after their first request are
/// not seen again: a sample's trade, not a cache policy.
/// </summary>
internal sealed class StaticFiles
{
    // Many paths name one file ("/a/../x", "//x", "/%78"), so the path-to-file cache is capped: a
    // client sending endless spellings must not grow it without bound. Past the cap a path is
    // resolved each time (and still finds the file's one cached copy). Misses are never cached.
    private const int MaxCachedPaths = 1024;
    // Paths up to this many bytes are looked up from a stack copy; longer ones take the slow path.
    private const int MaxStackPath = 256;

    private readonly string _root;
    private readonly ConcurrentDictionary<string, Entry> _byFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _byPathSpan;

    public StaticFiles(string root)
    {
        _root = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        _byPathSpan = _byPath.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The file for a URL path (no query), or null when there is none under the root.</summary>
    public Entry? Find(ReadOnlySpan<byte> path)
    {
        if (path.Length <= MaxStackPath)
        {
            Span<char> chars = stackalloc char[MaxStackPath];
            if (Ascii.ToUtf16(path, chars, out int length) == OperationStatus.Done
                && _byPathSpan.TryGetValue(chars[..length], out Entry? cached))
            {
                return cached;
            }
        }
        return Resolve(Encoding.UTF8.GetString(path));
    }

    private Entry? Resolve(string path)
    {
        string file = path.EndsWith('/') ? path + "index.html" : path;
        // Only files under the root: "/../secret" resolves outside it and is not found.
        string full = Path.GetFullPath(Path.Join(_root, Uri.UnescapeDataString(file)));
        if (!full.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }
        Entry entry = _byFile.GetOrAdd(full, static name => new Entry(File.ReadAllBytes(name), ContentTypes.For(name)));
        if (_byPath.Count < MaxCachedPaths)
        {
            _byPath.TryAdd(path, entry);
        }
        return entry;
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
