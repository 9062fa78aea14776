using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>samples/AsyncServer over TLS (ALPN h2) and cleartext (--h2c), reached by curl, nghttp and HttpClient.</summary>
[Collection(SamplesCollection.Name)]
public sealed class AsyncServerTests(AsyncServerFixture server) : IClassFixture<AsyncServerFixture>
{
    private static string Length(byte[] body) => body.Length.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("/notes.txt", "text/plain; charset=utf-8")]
    [InlineData("/data.json", "application/json")]
    [InlineData("/", "text/html; charset=utf-8")]
    [InlineData("/sub/page.css", "text/css; charset=utf-8")]
    [InlineData("/large.bin", "application/octet-stream")]
    public void Curl_over_tls_gets_static_files_byte_for_byte(string path, string contentType)
    {
        CurlResponse response = CurlResponse.Fetch($"--http2 -k {server.Https}{path}");

        byte[] expected = File.ReadAllBytes(Path.Combine(server.Root, path == "/" ? "index.html" : path.TrimStart('/')));
        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal(200, response.Status);
        Assert.Equal(
            [new("content-type", contentType), new("content-length", Length(expected)), new("server", "h2sharp-async-server")],
            response.Headers);
        Assert.Equal(expected, response.Body);
    }

    [Fact]
    public void Curl_posts_to_echo_and_gets_body_and_headers_back_as_json()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2 -k -H \"content-type: text/plain\" --data-binary \"hello \\\"echo\\\"\" {server.Https}/echo?x=1");

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("content-type"));
        Assert.Equal(Length(response.Body), response.Header("content-length"));
        using JsonDocument json = JsonDocument.Parse(response.Body);
        Assert.Equal("POST", json.RootElement.GetProperty("method").GetString());
        Assert.Equal("/echo?x=1", json.RootElement.GetProperty("path").GetString());
        Assert.Equal("hello \"echo\"", json.RootElement.GetProperty("body").GetString());
        Assert.Equal(
            Json.Expected(":method", "POST", ":path", "/echo?x=1", ":scheme", "https", ":authority", $"127.0.0.1:{server.TlsPort}",
                "user-agent", CurlResponse.UserAgent(), "accept", "*/*", "content-type", "text/plain", "content-length", "12"),
            Json.StringMap(json.RootElement.GetProperty("headers")));
    }

    [Fact]
    public void Curl_head_gets_the_headers_of_get_without_a_body()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2 -k -I {server.Https}/large.bin");

        Assert.Equal(200, response.Status);
        Assert.Equal(Length(server.Large), response.Header("content-length"));
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("/missing.txt", "", 404, "not found\n")]
    [InlineData("/../../etc/passwd", "--path-as-is", 404, "not found\n")]
    [InlineData("/notes.txt", "-X DELETE", 405, "only GET and HEAD here; POST to /echo\n")]
    public void Curl_gets_errors_as_plain_text(string path, string options, int status, string text)
    {
        CurlResponse response = CurlResponse.Fetch($"--http2-prior-knowledge {options} {server.Http}{path}");

        Assert.Equal(status, response.Status);
        Assert.Equal("text/plain; charset=utf-8", response.Header("content-type"));
        Assert.Equal(text, response.BodyText);
        Assert.Equal(Length(response.Body), response.Header("content-length"));
    }

    [Fact]
    public void Nghttp_over_tls_gets_a_file_and_its_headers()
    {
        string url = $"{server.Https}/notes.txt";

        Assert.Equal("plain text\n"u8.ToArray(), NghttpRun.Body(url));
        Assert.Equal(
            [new(":status", "200"), new("content-type", "text/plain; charset=utf-8"), new("content-length", "11"), new("server", "h2sharp-async-server")],
            NghttpRun.ReceivedHeaders(NghttpRun.Trace(url), 13));
    }

    [Fact]
    public void Nghttp_over_cleartext_gets_the_large_file_through_flow_control()
    {
        // nghttp's windows are 64 KiB per stream by default (-w/-W 16), so 3 MiB needs many WINDOW_UPDATEs.
        Assert.Equal(server.Large, NghttpRun.Body($"{server.Http}/large.bin"));
    }

    [Fact]
    public async Task HttpClient_over_tls_gets_the_large_file_and_echoes_a_large_body()
    {
        using HttpClient client = SampleHttpClients.Tls();

        using HttpResponseMessage file = await client.GetAsync($"{server.Https}/large.bin");
        Assert.Equal(HttpVersion.Version20, file.Version);
        Assert.Equal("application/octet-stream", file.Content.Headers.ContentType!.ToString());
        Assert.Equal(server.Large.Length, file.Content.Headers.ContentLength);
        Assert.Equal(server.Large, await file.Content.ReadAsByteArrayAsync());

        // 300 KB of text: more than the server's 64 KiB receive windows, so the server must
        // acknowledge what it reads for the upload to finish.
        string text = string.Concat(Enumerable.Range(0, 30_000).Select(i => $"{i % 10}abcdefgh\n"));
        using var content = new StringContent(text, Encoding.UTF8, new MediaTypeHeaderValue("text/plain"));
        using HttpResponseMessage echo = await client.PostAsync($"{server.Https}/echo", content);
        using JsonDocument json = JsonDocument.Parse(await echo.Content.ReadAsByteArrayAsync());
        Assert.Equal(text, json.RootElement.GetProperty("body").GetString());
        Assert.Equal("300000", json.RootElement.GetProperty("headers").GetProperty("content-length").GetString());
    }

    [Fact]
    public async Task Many_connections_with_many_streams_each_are_served_at_once()
    {
        byte[] notes = File.ReadAllBytes(Path.Combine(server.Root, "notes.txt"));
        var clients = Enumerable.Range(0, 4).Select(i => i % 2 == 0 ? SampleHttpClients.Tls() : SampleHttpClients.PriorKnowledge()).ToList();
        try
        {
            var work = new List<Task>();
            for (int c = 0; c < clients.Count; c++)
            {
                HttpClient client = clients[c];
                string origin = c % 2 == 0 ? server.Https : server.Http;
                for (int i = 0; i < 25; i++)
                {
                    int n = i;
                    work.Add(i % 5 == 0
                        ? Task.Run(async () => Assert.Equal(server.Large, await client.GetByteArrayAsync($"{origin}/large.bin")))
                        : Task.Run(async () => Assert.Equal(notes, await client.GetByteArrayAsync($"{origin}/notes.txt?{n}"))));
                }
            }
            await Task.WhenAll(work);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }
}
