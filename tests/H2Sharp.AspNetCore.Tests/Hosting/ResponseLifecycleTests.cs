using System.Net;
using System.Net.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace H2Sharp.AspNetCore.Tests.Hosting;

/// <summary>
/// Response start, OnStarting/OnCompleted, exceptions, aborts and trailers, as a real client sees
/// them; each test runs on H2Sharp and on Kestrel and asserts the same outcome.
/// </summary>
public sealed class ResponseLifecycleTests
{
    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Exception_before_the_response_started_is_a_500_without_the_apps_headers(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapGet("/throw", (HttpContext c) =>
        {
            c.Response.Headers["x-lost"] = "1";
            c.Response.ContentType = "text/plain";
            throw new InvalidOperationException("boom");
        }));
        using HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.False(response.Headers.Contains("x-lost"));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        // The connection keeps serving: a second request on it succeeds.
        using HttpResponseMessage again = await client.GetAsync("/throw");
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Exception_after_the_response_started_resets_the_stream_with_INTERNAL_ERROR(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapGet("/late", async (HttpContext c) =>
        {
            await c.Response.WriteAsync("partial");
            await c.Response.Body.FlushAsync();
            throw new InvalidOperationException("boom");
        }));
        using HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/late", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsByteArrayAsync());

        Assert.Equal(0x2, Errors.Http2ErrorCode(error)); // INTERNAL_ERROR
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task OnStarting_runs_last_registered_first_before_the_headers_and_OnCompleted_after_the_response(ServerKind kind)
    {
        var completed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapGet("/callbacks", async (HttpContext c) =>
        {
            var order = new List<string>();
            c.Response.OnStarting(() => { order.Add("first"); c.Response.Headers["x-order"] = string.Join(",", order); return Task.CompletedTask; });
            c.Response.OnStarting(() => { order.Add("second"); return Task.CompletedTask; });
            c.Response.OnCompleted(() => { completed.TrySetResult("completed after start=" + c.Response.HasStarted); return Task.CompletedTask; });
            Assert.False(c.Response.HasStarted);
            await c.Response.WriteAsync("body");
        }));
        using HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/callbacks");

        Assert.Equal("second,first", Assert.Single(response.Headers.GetValues("x-order")));
        Assert.Equal("body", await response.Content.ReadAsStringAsync());
        Assert.Equal("completed after start=True", await completed.Task.WaitAsync(AppHost.Timeout));
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Response_headers_are_read_only_once_the_response_started(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapGet("/ro", async (HttpContext c) =>
        {
            await c.Response.StartAsync();
            string outcome;
            try
            {
                c.Response.Headers["x-after"] = "1";
                outcome = "accepted";
            }
            catch (InvalidOperationException)
            {
                outcome = "refused";
            }
            await c.Response.WriteAsync(outcome + " started=" + c.Response.HasStarted);
        }));
        using HttpClient client = host.CreateClient();

        Assert.Equal("refused started=True", await client.GetStringAsync("/ro"));
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp, "abort", 0x2)]
    [InlineData(ServerKind.Kestrel, "abort", 0x2)]
    [InlineData(ServerKind.H2Sharp, "reset", 0x8)]
    [InlineData(ServerKind.Kestrel, "reset", 0x8)]
    public async Task Abort_and_reset_send_RST_STREAM_with_their_code(ServerKind kind, string route, long expectedCode)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app =>
        {
            app.MapGet("/abort", (HttpContext c) => c.Abort());
            app.MapGet("/reset", (HttpContext c) => c.Features.Get<IHttpResetFeature>()!.Reset(8)); // CANCEL
            app.MapGet("/ok", () => "ok");
        });
        using HttpClient client = host.CreateClient();

        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetStringAsync("/" + route));

        Assert.Equal(expectedCode, Errors.Http2ErrorCode(error));
        Assert.Equal("ok", await client.GetStringAsync("/ok"));
    }

    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Trailers_arrive_after_the_body(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartAsync(kind, app => app.MapGet("/trailers", async (HttpContext c) =>
        {
            Assert.True(c.Response.SupportsTrailers());
            c.Response.DeclareTrailer("x-checksum");
            await c.Response.WriteAsync("payload");
            c.Response.AppendTrailer("x-checksum", "abc123");
        }));
        using HttpClient client = host.CreateClient();

        using HttpResponseMessage response = await client.GetAsync("/trailers");
        Assert.Equal("payload", await response.Content.ReadAsStringAsync());

        Assert.Equal("abc123", Assert.Single(response.TrailingHeaders.GetValues("x-checksum")));
    }
}
