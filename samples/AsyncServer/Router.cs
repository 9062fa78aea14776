using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using H2Sharp;

namespace AsyncServer;

/// <summary>
/// The application: <c>/echo</c> answers any method with the request's headers and body as
/// JSON; every other path is a static file under the root (GET and HEAD).
/// </summary>
internal sealed class Router(string root)
{
    // Escape only what JSON requires ("hi" stays "hi", not \u0022hi\u0022): this JSON is an API
    // answer, never pasted into HTML, which is what the default encoder guards against.
    private static readonly JsonSerializerOptions PlainJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _root = System.IO.Path.TrimEndingDirectorySeparator(root) + System.IO.Path.DirectorySeparatorChar;

    public async Task<Response> HandleAsync(Request request)
    {
        string path = request.Path;
        int query = path.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            path = path[..query];
        }
        if (path == "/echo")
        {
            return Echo(request);
        }
        if (request.Method is not ("GET" or "HEAD"))
        {
            return Response.Text(405, "only GET and HEAD here; POST to /echo\n");
        }
        Response file = await StaticFileAsync(path);
        return request.Method == "HEAD" ? file with { OmitBody = true } : file;
    }

    private static Response Echo(Request request)
    {
        var headers = new JsonObject();
        foreach (HeaderField field in request.Headers)
        {
            headers[field.NameString] = field.ValueString; // a repeated name keeps its last value
        }
        var json = new JsonObject
        {
            ["method"] = request.Method,
            ["path"] = request.Path,
            ["headers"] = headers,
            ["body"] = Encoding.UTF8.GetString(request.Body.GetBuffer(), 0, (int)request.Body.Length),
        };
        return new Response(200, "application/json", Encoding.UTF8.GetBytes(json.ToJsonString(PlainJson)));
    }

    private async Task<Response> StaticFileAsync(string path)
    {
        if (path.EndsWith('/'))
        {
            path += "index.html";
        }
        // Only files under the root: "/../secret" resolves outside it and is not found.
        string full = System.IO.Path.GetFullPath(System.IO.Path.Join(_root, Uri.UnescapeDataString(path)));
        if (!full.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Response.Text(404, "not found\n");
        }
        return new Response(200, ContentTypes.For(full), await File.ReadAllBytesAsync(full));
    }
}
