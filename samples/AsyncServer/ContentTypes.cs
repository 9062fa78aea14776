namespace AsyncServer;

/// <summary>The content type of a static file, from its extension.</summary>
internal static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".ico"] = "image/x-icon",
        [".wasm"] = "application/wasm",
    };

    public static string For(string path) =>
        ByExtension.TryGetValue(System.IO.Path.GetExtension(path), out string? type) ? type : "application/octet-stream";
}
