using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>samples/PushServer: nghttp accepts pushes; curl and HttpClient turn push off.</summary>
[Collection(SamplesCollection.Name)]
public sealed class PushServerTests : IDisposable
{
    private const string Page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Pushed</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body><h1>This page's style sheet and script were pushed</h1><script src=\"/app.js\"></script></body>\n</html>\n";

    private const string StyleSheet = "h1 { color: #2a6; font-family: sans-serif; }\n";

    private const string Script = "document.body.append('pushed script ran');\n";

    private readonly int _port = Loopback.FreePort();
    private readonly PeerProcess _server;

    public PushServerTests()
    {
        _server = SampleProgram.StartServer("PushServer", $"--port {_port}", _port);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Curl_without_push_gets_the_page_alone()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2-prior-knowledge http://127.0.0.1:{_port}/");

        Assert.Equal(200, response.Status);
        Assert.Equal(
            [new("content-type", "text/html; charset=utf-8"), new("content-length", Page.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            response.Headers);
        Assert.Equal(Page, response.BodyText);
    }

    [Fact]
    public async Task HttpClient_gets_each_resource_and_a_404()
    {
        using HttpClient client = SampleHttpClients.PriorKnowledge();

        Assert.Equal(StyleSheet, await client.GetStringAsync($"http://127.0.0.1:{_port}/style.css"));
        Assert.Equal(Script, await client.GetStringAsync($"http://127.0.0.1:{_port}/app.js"));
        using HttpResponseMessage missing = await client.GetAsync($"http://127.0.0.1:{_port}/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void Nghttp_receives_the_style_sheet_and_script_as_pushed_streams()
    {
        string url = $"http://127.0.0.1:{_port}/";
        string trace = NghttpRun.Trace(url);

        // Both PUSH_PROMISE frames come on the request's stream (13), promising streams 2 and 4.
        MatchCollection promises = Regex.Matches(trace, @"recv PUSH_PROMISE frame <length=\d+, flags=0x04, stream_id=13>\s+; END_HEADERS\s+\(padlen=0, promised_stream_id=(\d+)\)");
        Assert.Equal(["2", "4"], promises.Select(m => m.Groups[1].Value));
        // On stream 13, in order: the two promised requests, then the page's response.
        string authority = $"127.0.0.1:{_port}";
        Assert.Equal(
            [
                new(":method", "GET"), new(":scheme", "http"), new(":authority", authority), new(":path", "/style.css"),
                new(":method", "GET"), new(":scheme", "http"), new(":authority", authority), new(":path", "/app.js"),
                new(":status", "200"), new("content-type", "text/html; charset=utf-8"), new("content-length", "239"),
            ],
            NghttpRun.ReceivedHeaders(trace, 13));
        Assert.Equal([new(":status", "200"), new("content-type", "text/css; charset=utf-8"), new("content-length", "45")],
            NghttpRun.ReceivedHeaders(trace, 2));
        Assert.Equal([new(":status", "200"), new("content-type", "text/javascript; charset=utf-8"), new("content-length", "43")],
            NghttpRun.ReceivedHeaders(trace, 4));
        // Each body in one DATA frame that ends its stream; nothing is reset.
        Assert.Contains("recv DATA frame <length=45, flags=0x01, stream_id=2>", trace, StringComparison.Ordinal);
        Assert.Contains("recv DATA frame <length=43, flags=0x01, stream_id=4>", trace, StringComparison.Ordinal);
        Assert.Contains("recv DATA frame <length=239, flags=0x01, stream_id=13>", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("RST_STREAM", trace, StringComparison.Ordinal);

        // Without -n nghttp prints every body it received, pushed ones included, as DATA arrives.
        string bodies = Encoding.UTF8.GetString(NghttpRun.Body(url));
        Assert.Equal(StyleSheet.Length + Script.Length + Page.Length, bodies.Length);
        Assert.Contains(StyleSheet, bodies, StringComparison.Ordinal);
        Assert.Contains(Script, bodies, StringComparison.Ordinal);
        Assert.Contains(Page, bodies, StringComparison.Ordinal);
    }
}
