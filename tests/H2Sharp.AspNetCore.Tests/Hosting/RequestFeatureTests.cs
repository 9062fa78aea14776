using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace H2Sharp.AspNetCore.Tests.Hosting;

/// <summary>What the app sees of a request, compared between H2Sharp and Kestrel.</summary>
public sealed class RequestFeatureTests
{
    private static string Describe(HttpContext c)
    {
        HttpRequest r = c.Request;
        IHttpConnectionFeature connection = c.Features.Get<IHttpConnectionFeature>()!;
        return string.Join("|",
            r.Protocol, r.Method, r.Scheme, r.Host.Value, r.PathBase.Value, r.Path.Value, r.QueryString.Value,
            r.Headers["x-multi"].Count, r.Headers["x-multi"].ToString(),
            c.Features.Get<IHttpRequestBodyDetectionFeature>()!.CanHaveBody,
            connection.RemoteIpAddress, connection.LocalIpAddress, connection.LocalPort == c.Connection.LocalPort,
            c.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect,
            c.Features.Get<Microsoft.AspNetCore.Connections.Features.ITlsHandshakeFeature>() is null);
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task The_request_features_describe_the_request_as_Kestrel_does(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.Map("/{**rest}", (HttpContext c) => Describe(c)));
        using HttpClient client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/a%20b%2Fc?x=1&y") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.Add("x-multi", ["one", "two"]);

        using HttpResponseMessage response = await client.SendAsync(request);
        string seen = await response.Content.ReadAsStringAsync();

        Assert.Equal(
            $"HTTP/2|GET|http|127.0.0.1:{host.Address.Port}||/a b%2Fc|?x=1&y|1|one, two|False|127.0.0.1|127.0.0.1|True|False|True",
            seen);
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task A_request_with_a_body_can_have_one_and_the_body_is_read(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapPost("/len", async (HttpContext c) =>
        {
            bool canHaveBody = c.Features.Get<IHttpRequestBodyDetectionFeature>()!.CanHaveBody;
            using var buffer = new MemoryStream();
            await c.Request.Body.CopyToAsync(buffer);
            return $"{canHaveBody} {buffer.Length} {c.Request.ContentLength}";
        }));
        using HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await client.PostAsync("/len", new ByteArrayContent(new byte[70_000]));

        Assert.Equal("True 70000 70000", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Sequential_requests_on_a_connection_reuse_the_HttpContext(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapGet("/id", (HttpContext c) =>
            RuntimeHelpers.GetHashCode(c).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using HttpClient client = host.CreateClient();

        string first = await client.GetStringAsync("/id");
        var later = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            later.Add(await client.GetStringAsync("/id"));
        }

        // Pooled per connection: after the first, the same HttpContext object serves again.
        Assert.Contains(first, later);
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Over_size_body_against_MaxRequestBodySize_gives_413(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapPost("/small", async (HttpContext c) =>
        {
            c.Features.Get<IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = 1000;
            await c.Request.Body.CopyToAsync(Stream.Null);
            return "read";
        }));
        using HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await client.PostAsync("/small", new ByteArrayContent(new byte[5000]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
