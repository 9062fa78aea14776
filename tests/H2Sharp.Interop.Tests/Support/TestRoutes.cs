using System.Globalization;
using System.Text;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// The routes H2TestServer answers: /hello, /echo (request body back), /bytes/N (N pattern
/// bytes), /trailers (body then trailers), /hang (never answers), anything else 404.
/// HEAD gets the GET headers (with content-length) and no body.
/// </summary>
internal static class TestRoutes
{
    public static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello from H2Sharp\n");
    public static readonly byte[] NotFound = Encoding.ASCII.GetBytes("not found\n");
    public static readonly byte[] TrailerBody = Encoding.ASCII.GetBytes("body before trailers\n");

    /// <summary>The bytes /bytes/N returns: a pattern that is not periodic in any frame size.</summary>
    public static byte[] Pattern(int length)
    {
        var data = new byte[length];
        uint x = 2463534242;
        for (int i = 0; i < length; i++)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            data[i] = (byte)x;
        }
        return data;
    }

    public static void Handle(H2SocketDriver driver, H2StreamRecord request)
    {
        string method = request.Get(":method");
        string path = request.Get(":path");
        bool head = method == "HEAD";
        if (path == "/hang")
        {
            return;
        }
        byte[] body;
        string status = "200";
        List<HeaderField>? trailers = null;
        if (path == "/hello")
        {
            body = Hello;
        }
        else if (path == "/echo")
        {
            body = request.Body;
        }
        else if (path.StartsWith("/bytes/", StringComparison.Ordinal))
        {
            body = Pattern(int.Parse(path["/bytes/".Length..], CultureInfo.InvariantCulture));
        }
        else if (path == "/trailers")
        {
            body = TrailerBody;
            trailers = new() { new("x-checksum", "c0ffee"), new("x-items", "3") };
        }
        else
        {
            status = "404";
            body = NotFound;
        }
        var headers = new List<HeaderField>
        {
            new(":status", status),
            new("content-type", path == "/echo" || path.StartsWith("/bytes/", StringComparison.Ordinal) ? "application/octet-stream" : "text/plain"),
            new("content-length", body.Length.ToString(CultureInfo.InvariantCulture)),
            new("x-request-stream", request.StreamId.ToString(CultureInfo.InvariantCulture)),
        };
        driver.SendResponse(request.StreamId, headers, head ? null : body, head ? null : trailers);
    }
}
