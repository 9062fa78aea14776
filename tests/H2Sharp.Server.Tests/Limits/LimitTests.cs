using System.Buffers;
using System.Net;
using H2Sharp.Events;
using H2Sharp.Server.Tests.Support;

namespace H2Sharp.Server.Tests.Limits;

/// <summary>Each limit against a client that breaks it: what that client sees, and that others are still served.</summary>
public class LimitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static ValueTask Ok(H2ServerRequestContext context)
    {
        context.ResponseBodyWriter.Write("ok"u8);
        return default;
    }

    private static async Task AssertStillServes(TestServer server)
    {
        using HttpClient client = TestServer.PriorKnowledgeClient();
        Assert.Equal("ok", await client.GetStringAsync(server.Http + "/"));
    }

    [Fact]
    public async Task Slowloris_header_block_never_finished_is_closed_after_RequestHeadersTimeout()
    {
        await using TestServer server = await TestServer.StartAsync(Ok, o => o.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(2));
        using var slow = new RawClient(server.Port);
        slow.Start();
        // A HEADERS frame header announcing 100 octets, then only 3 of them: the block never ends.
        var started = DateTime.UtcNow;
        slow.SendRaw([0, 0, 100, 0x1, 0x4, 0, 0, 0, 1, 0x82, 0x86, 0x84]);
        await AssertStillServes(server); // served while the slow client hangs on

        Assert.True(slow.ClosedWithin(Wait));
        TimeSpan took = DateTime.UtcNow - started;

        Assert.InRange(took, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
        ConnectionTerminated goAway = Assert.Single(slow.Events.OfType<ConnectionTerminated>());
        Assert.Equal(ErrorCode.ProtocolError, goAway.ErrorCode);
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_connection_that_never_sends_a_request_is_closed_after_RequestHeadersTimeout()
    {
        await using TestServer server = await TestServer.StartAsync(Ok, o => o.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(2));
        using var silent = new RawClient(server.Port);
        silent.Start(); // preface and SETTINGS, then nothing

        Assert.True(silent.ClosedWithin(Wait));
        await AssertStillServes(server);
    }

    [Fact]
    public async Task An_idle_connection_gets_GOAWAY_NO_ERROR_after_KeepAliveTimeout()
    {
        await using TestServer server = await TestServer.StartAsync(Ok, o => o.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(2));
        using var idle = new RawClient(server.Port);
        idle.Start();
        int id = idle.Get("/");
        Assert.True(idle.ReadUntil(e => e is StreamEnded ended && ended.StreamId == id, Wait));
        await AssertStillServes(server); // another client meanwhile

        Assert.True(idle.ReadUntil(e => e is ConnectionTerminated, Wait));
        var goAway = idle.Events.OfType<ConnectionTerminated>().Single();
        Assert.Equal(ErrorCode.NoError, goAway.ErrorCode);
        Assert.Equal(id, goAway.LastStreamId);
        Assert.True(idle.ClosedWithin(Wait));
    }

    [Fact]
    public async Task A_declared_body_over_MaxRequestBodySize_gets_413_without_calling_the_app()
    {
        bool called = false;
        await using TestServer server = await TestServer.StartAsync(c => { called = true; return Ok(c); }, o => o.Limits.MaxRequestBodySize = 1000);
        using HttpClient client = TestServer.PriorKnowledgeClient();

        using HttpResponseMessage response = await client.PostAsync(server.Http + "/", new ByteArrayContent(new byte[5000]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.False(called);
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_streamed_body_over_MaxRequestBodySize_gets_413_and_the_reader_sees_why()
    {
        var thrown = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestServer server = await TestServer.StartAsync(c => ReadAllExpecting413(c, thrown), o => o.Limits.MaxRequestBodySize = 10_000);
        using HttpClient client = TestServer.PriorKnowledgeClient();
        var content = new UnknownLengthContent(100_000); // no content-length: the limit is found while streaming
        using var request = new HttpRequestMessage(HttpMethod.Post, server.Http + "/upload") { Content = content, Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(413, await thrown.Task.WaitAsync(Wait));
        await AssertStillServes(server);
    }

    [Fact]
    public async Task A_streamed_body_over_MaxRequestBodySize_gets_HEADERS_413_END_STREAM_then_RST_STREAM_NO_ERROR()
    {
        var thrown = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestServer server = await TestServer.StartAsync(c => ReadAllExpecting413(c, thrown), o => o.Limits.MaxRequestBodySize = 10_000);
        using var raw = new RawClient(server.Port);
        raw.Start();
        int id = raw.Post("/upload");
        raw.SendData(id, new byte[8000]);
        raw.SendData(id, new byte[8000]); // 16,000 > 10,000

        Assert.True(raw.ReadUntil(e => e is StreamReset, Wait));

        Assert.Equal(413, raw.Status(id));
        var ended = raw.Events.OfType<ResponseReceived>().Single(r => r.StreamId == id).StreamEnded;
        Assert.NotNull(ended); // RFC 9113 section 8.1: a complete response first ...
        StreamReset reset = raw.Events.OfType<StreamReset>().Single();
        Assert.Equal(id, reset.StreamId);
        Assert.Equal(ErrorCode.NoError, reset.ErrorCode); // ... then "abort transmission ... without error"
        Assert.Equal(413, await thrown.Task.WaitAsync(Wait));
        int next = raw.Get("/");
        Assert.True(raw.ReadUntil(e => e is StreamEnded s && s.StreamId == next, Wait)); // the same connection goes on
        Assert.Equal(200, raw.Status(next));
    }

    /// <summary>"/upload" reads its whole body and reports the status of the H2BadRequestException it meets (0 for none).</summary>
    private static async ValueTask ReadAllExpecting413(H2ServerRequestContext context, TaskCompletionSource<int> thrown)
    {
        if (context.Path != "/upload")
        {
            await Ok(context);
            return;
        }
        try
        {
            await context.RequestBody.CopyToAsync(Stream.Null);
            thrown.TrySetResult(0);
        }
        catch (H2BadRequestException e)
        {
            thrown.TrySetResult(e.StatusCode);
        }
        catch (Exception e)
        {
            thrown.TrySetException(e);
            throw;
        }
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_reset_and_the_server_buffers_a_bounded_amount()
    {
        long mostUnflushed = 0;
        var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestServer server = await TestServer.StartAsync(async context =>
        {
            if (context.Path != "/big")
            {
                await Ok(context);
                return;
            }
            try
            {
                byte[] block = new byte[16 * 1024];
                for (int i = 0; i < 1000 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    var result = await context.ResponseBodyWriter.WriteAsync(block);
                    mostUnflushed = Math.Max(mostUnflushed, (i + 1L) * block.Length);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }
            }
            finally
            {
                handlerDone.TrySetResult();
            }
        }, o => o.Limits.MinResponseDataRate = new H2MinDataRate(240, TimeSpan.FromSeconds(2)));
        using var stuck = new RawClient(server.Port); // 65,535-octet windows, never reopened
        stuck.Start();
        int id = stuck.Get("/big");
        await AssertStillServes(server); // served while the stuck client holds its stream

        Assert.True(stuck.ReadUntil(e => e is StreamReset, Wait));
        StreamReset reset = stuck.Events.OfType<StreamReset>().Single();
        Assert.Equal(id, reset.StreamId);
        Assert.Equal(ErrorCode.Cancel, reset.ErrorCode);
        await handlerDone.Task.WaitAsync(Wait);
        // The window let 64 KiB out; MaxResponseBufferSize (64 KiB) more could wait; the app was held there.
        Assert.InRange(mostUnflushed, 64 * 1024, 200 * 1024);
        await AssertStillServes(server);
    }

    [Fact]
    public async Task Graceful_shutdown_sends_GOAWAY_and_lets_the_stream_in_flight_finish()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TestServer server = await TestServer.StartAsync(async context =>
        {
            entered.TrySetResult();
            await release.Task;
            context.ResponseBodyWriter.Write("finished"u8);
        });
        using var client = new RawClient(server.Port);
        client.Start();
        int id = client.Get("/slow");
        await entered.Task.WaitAsync(Wait);

        Task stopping = server.Server.StopAsync();
        Assert.True(client.ReadUntil(e => e is ConnectionTerminated, Wait));
        ConnectionTerminated goAway = client.Events.OfType<ConnectionTerminated>().Single();
        Assert.Equal(ErrorCode.NoError, goAway.ErrorCode);
        Assert.Equal(id, goAway.LastStreamId);
        Assert.False(stopping.IsCompleted);

        release.SetResult();
        Assert.True(client.ReadUntil(e => e is StreamEnded ended && ended.StreamId == id, Wait));
        byte[] body = client.Events.OfType<DataReceived>().Where(d => d.StreamId == id).SelectMany(d => d.Data.ToArray()).ToArray();
        Assert.Equal("finished"u8.ToArray(), body);
        await stopping.WaitAsync(Wait);
        Assert.True(client.ClosedWithin(Wait));
        await server.DisposeAsync();
    }
}
