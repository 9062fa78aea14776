using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using H2Sharp;
using H2Sharp.Server;

namespace AsyncServer;

/// <summary>
/// The application: <c>/echo</c> answers any method with the request's headers and body as
/// JSON; every other path is a static file under the root (GET and HEAD).
/// </summary>
/// <remarks>
/// A static file is answered without an await: the host runs this on the connection's own task
/// and sends the response in the same socket write as the others of that read.
/// </remarks>
internal sealed class Router(string root) : IH2Application
{
    public static readonly HeaderField ServerField = new("server", "h2sharp-async-server");

    // Escape only what JSON requires ("hi" stays "hi", not \u0022hi\u0022): this JSON is an API
    // answer, never pasted into HTML, which is what the default encoder guards against.
    private static readonly JsonSerializerOptions PlainJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly StaticFiles _files = new(root);

    public ValueTask HandleAsync(H2ServerRequestContext context)
    {
        // The path's bytes, not context.Path: serving a file makes no string.
        ReadOnlySpan<byte> path = context.PathBytes.Span;
        int query = path.IndexOf((byte)'?');
        if (query >= 0)
        {
            path = path[..query];
        }
        if (path.SequenceEqual("/echo"u8))
        {
            return EchoAsync(context);
        }
        string method = context.Method;
        if (method is not ("GET" or "HEAD"))
        {
            return Text(context, 405, "only GET and HEAD here; POST to /echo\n");
        }
        if (_files.Find(path) is not StaticFiles.Entry file)
        {
            return Text(context, 404, "not found\n");
        }
        foreach (HeaderField field in file.Headers)
        {
            context.ResponseHeaders.Add(field);
        }
        if (method == "GET")
        {
            context.ResponseBodyWriter.Write<byte>(file.Body);
        }
        return default;
    }

    private static async ValueTask EchoAsync(H2ServerRequestContext context)
    {
        // The whole body, read as it arrives; the host gives the client window back as it is consumed.
        PipeReader reader = context.RequestBodyReader;
        var body = new MemoryStream();
        while (true)
        {
            ReadResult read = await reader.ReadAsync(context.RequestAborted);
            foreach (ReadOnlyMemory<byte> segment in read.Buffer)
            {
                body.Write(segment.Span);
            }
            reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                break;
            }
        }
        var headers = new JsonObject
        {
            [":method"] = context.Method,
            [":path"] = context.Path,
            [":scheme"] = context.Scheme,
            [":authority"] = context.Authority,
        };
        foreach (HeaderField field in context.RequestHeaders)
        {
            headers[field.NameString] = field.ValueString; // a repeated name keeps its last value
        }
        var json = new JsonObject
        {
            ["method"] = context.Method,
            ["path"] = context.Path,
            ["headers"] = headers,
            ["body"] = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length),
        };
        byte[] bytes = Encoding.UTF8.GetBytes(json.ToJsonString(PlainJson));
        Respond(context, 200, "application/json", bytes);
        await context.ResponseBodyWriter.FlushAsync(context.RequestAborted);
    }

    private static ValueTask Text(H2ServerRequestContext context, int status, string text)
    {
        Respond(context, status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));
        return default;
    }

    private static void Respond(H2ServerRequestContext context, int status, string contentType, byte[] body)
    {
        context.StatusCode = status;
        context.ResponseHeaders.Add(new HeaderField("content-type", contentType));
        context.ResponseHeaders.Add(new HeaderField("content-length", body.Length.ToString(CultureInfo.InvariantCulture)));
        context.ResponseHeaders.Add(ServerField);
        context.ResponseBodyWriter.Write<byte>(body);
    }
}
