using System.Net;
using System.Text;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>samples/GettingStarted, the tutorial server, reached by curl, nghttp and HttpClient.</summary>
[Collection(SamplesCollection.Name)]
public sealed class GettingStartedTests : IDisposable
{
    private readonly int _port = Loopback.FreePort();
    private readonly PeerProcess _server;

    public GettingStartedTests()
    {
        _server = SampleProgram.StartServer("GettingStarted", $"--port {_port}", _port);
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Curl_with_prior_knowledge_gets_its_request_headers_as_json()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2-prior-knowledge http://127.0.0.1:{_port}/");

        Assert.Equal("HTTP/2", response.Version);
        Assert.Equal(200, response.Status);
        Assert.Equal(
            [new("server", "basic-h2sharp-server/1.0"), new("content-length", response.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("content-type", "application/json")],
            response.Headers);
        Assert.Equal(
            Json.Expected(":method", "GET", ":path", "/", ":scheme", "http", ":authority", $"127.0.0.1:{_port}",
                "user-agent", CurlResponse.UserAgent(), "accept", "*/*"),
            Json.StringMap(response.BodyText));
    }

    [Fact]
    public void The_json_keeps_the_order_the_headers_came_in()
    {
        CurlResponse response = CurlResponse.Fetch($"--http2-prior-knowledge -H \"x-first: 1\" -H \"x-second: 2\" http://127.0.0.1:{_port}/a/b?c=d");

        using var document = System.Text.Json.JsonDocument.Parse(response.Body);
        List<string> names = Json.StringPairs(document.RootElement).ConvertAll(p => p.Key);
        Assert.Equal(":method", names[0]);
        Assert.True(names.IndexOf("x-first") < names.IndexOf("x-second"));
        Assert.Equal("/a/b?c=d", document.RootElement.GetProperty(":path").GetString());
    }

    [Fact]
    public void Nghttp_gets_its_request_headers_as_json()
    {
        string url = $"http://127.0.0.1:{_port}/from-nghttp";
        byte[] body = NghttpRun.Body(url);
        Assert.Equal(
            Json.Expected(":method", "GET", ":path", "/from-nghttp", ":scheme", "http", ":authority", $"127.0.0.1:{_port}",
                "accept", "*/*", "accept-encoding", "gzip, deflate", "user-agent", NghttpRun.UserAgent()),
            Json.StringMap(Encoding.UTF8.GetString(body)));

        string trace = NghttpRun.Trace(url);
        List<KeyValuePair<string, string>> headers = NghttpRun.ReceivedHeaders(trace, 13);
        Assert.Equal(
            [new(":status", "200"), new("server", "basic-h2sharp-server/1.0"), new("content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("content-type", "application/json")],
            headers);
    }

    [Fact]
    public async Task HttpClient_with_prior_knowledge_gets_its_request_headers_as_json()
    {
        using HttpClient client = SampleHttpClients.PriorKnowledge();
        // A hand-made request does not take the client's default version: ask for HTTP/2 only.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_port}/dotnet")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Add("x-sample", "GettingStarted");

        using HttpResponseMessage response = await client.SendAsync(request);
        byte[] body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(
            Json.Expected(":method", "GET", ":path", "/dotnet", ":scheme", "http", ":authority", $"127.0.0.1:{_port}", "x-sample", "GettingStarted"),
            Json.StringMap(Encoding.UTF8.GetString(body)));
    }

    [Fact]
    public async Task Many_concurrent_streams_on_one_connection_each_get_their_own_answer()
    {
        using HttpClient client = SampleHttpClients.PriorKnowledge();
        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetStringAsync($"http://127.0.0.1:{_port}/{i}")));

        for (int i = 0; i < bodies.Length; i++)
        {
            Assert.Equal($"/{i}", Json.StringMap(bodies[i])[":path"]);
        }
    }
}
