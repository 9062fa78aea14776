namespace PushServer;

/// <summary>The three files of the site, and which ones "/" pushes.</summary>
internal static class Site
{
    public const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Pushed</title><link rel="stylesheet" href="/style.css"></head>
        <body><h1>This page's style sheet and script were pushed</h1><script src="/app.js"></script></body>
        </html>

        """;

    public const string StyleSheet = "h1 { color: #2a6; font-family: sans-serif; }\n";

    public const string Script = "document.body.append('pushed script ran');\n";

    /// <summary>The resources "/" pushes, in the order of their PUSH_PROMISE frames.</summary>
    public static readonly string[] PushedWithPage = ["/style.css", "/app.js"];

    /// <summary>Content type and body of a path, or null when there is no such file.</summary>
    public static (string ContentType, string Body)? Find(string path) => path switch
    {
        "/" or "/index.html" => ("text/html; charset=utf-8", Page),
        "/style.css" => ("text/css; charset=utf-8", StyleSheet),
        "/app.js" => ("text/javascript; charset=utf-8", Script),
        _ => null,
    };
}
