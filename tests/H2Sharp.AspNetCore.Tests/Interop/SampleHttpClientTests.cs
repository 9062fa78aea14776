using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;

namespace H2Sharp.AspNetCore.Tests.Interop;

/// <summary>samples/AspNetCoreServer's routes with HttpClient, over h2c prior knowledge and over TLS (ALPN h2).</summary>
public sealed class SampleHttpClientTests
{
    [Theory]
    [InlineData(ServerKind.H2Sharp, false)]
    [InlineData(ServerKind.H2Sharp, true)]
    [InlineData(ServerKind.Kestrel, false)]
    [InlineData(ServerKind.Kestrel, true)]
    public async Task Get_root_answers_hello_as_text_plain(ServerKind kind, bool tls)
    {
        await using AppHost host = tls ? await AppHost.StartSampleTlsAsync(kind) : await AppHost.StartSampleAsync(kind);
        using HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/");

        Assert.Equal(tls ? "https" : "http", host.Address.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("hello from h2sharp\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Get_root_with_a_body_reads_and_discards_it(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind);
        using HttpClient client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/") { Content = new ByteArrayContent(new byte[200_000]), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal("hello from h2sharp\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Post_echo_returns_the_body_byte_for_byte(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind);
        using HttpClient client = host.CreateClient();
        byte[] body = new byte[300_000]; // beyond the initial 64 KiB windows: flow control must be granted as it is read
        new Random(11).NextBytes(body);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-test");

        using HttpResponseMessage response = await client.PostAsync("/echo", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-test", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Many_concurrent_requests_on_one_connection_all_succeed(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind);
        using HttpClient client = host.CreateClient();

        string[] bodies = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.GetStringAsync("/")));

        Assert.All(bodies, b => Assert.Equal("hello from h2sharp\n", b));
    }
}
