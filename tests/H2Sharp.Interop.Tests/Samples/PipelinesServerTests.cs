using System.Net;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>samples/PipelinesServer reached by curl, nghttp and HttpClient.</summary>
[Collection(SamplesCollection.Name)]
public sealed class PipelinesServerTests : IDisposable
{
    private readonly int _port = Loopback.FreePort();
    private readonly PeerProcess _server;

    public PipelinesServerTests()
    {
        _server = SampleProgram.StartServer("PipelinesServer", $"--port {_port}", _port);
    }

    public void Dispose() => _server.Dispose();

    private static byte[] Alphabet(int size)
    {
        var bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)('a' + i % 26);
        }
        return bytes;
    }

    [Fact]
    public void Curl_gets_its_headers_and_body_length_as_json()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2-prior-knowledge --data-binary 0123456789 http://127.0.0.1:{_port}/count");

        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Header("content-type"));
        Assert.Equal(response.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Header("content-length"));
        using var json = System.Text.Json.JsonDocument.Parse(response.Body);
        Assert.Equal(10, json.RootElement.GetProperty("bodyLength").GetInt64());
        Assert.Equal(
            Json.Expected(":method", "POST", ":path", "/count", ":scheme", "http", ":authority", $"127.0.0.1:{_port}",
                "user-agent", CurlResponse.UserAgent(), "accept", "*/*", "content-length", "10", "content-type", "application/x-www-form-urlencoded"),
            Json.StringMap(json.RootElement.GetProperty("headers")));
    }

    [Fact]
    public void Nghttp_gets_a_generated_body_larger_than_every_window()
    {
        Assert.Equal(Alphabet(2_000_000), NghttpRun.Body($"http://127.0.0.1:{_port}/bytes/2000000"));
    }

    [Fact]
    public async Task HttpClient_gets_many_generated_bodies_at_once_and_uploads_are_counted()
    {
        using HttpClient client = SampleHttpClients.PriorKnowledge();
        int[] sizes = [0, 1, 16_384, 16_385, 65_535, 65_536, 200_000, 1_000_000];

        byte[][] bodies = await Task.WhenAll(sizes.Select(n => client.GetByteArrayAsync($"http://127.0.0.1:{_port}/bytes/{n}")));
        for (int i = 0; i < sizes.Length; i++)
        {
            Assert.Equal(Alphabet(sizes[i]), bodies[i]);
        }

        using var upload = new ByteArrayContent(new byte[500_000]);
        using HttpResponseMessage response = await client.PostAsync($"http://127.0.0.1:{_port}/upload", upload);
        Assert.Equal(HttpVersion.Version20, response.Version);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(500_000, json.RootElement.GetProperty("bodyLength").GetInt64());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
    }
}
