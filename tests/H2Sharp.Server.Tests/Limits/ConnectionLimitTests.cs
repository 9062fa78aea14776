using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using H2Sharp.Events;
using H2Sharp.Server.Tests.Support;

namespace H2Sharp.Server.Tests.Limits;

/// <summary>
/// The connection-level limits over real sockets: what the client that meets a limit sees
/// (exact frames and codes), and that another client is served meanwhile.
/// </summary>
public class ConnectionLimitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>"/" answers "ok" at once; "/index.html" waits for <paramref name="release"/>, counting entries.</summary>
    private static Func<H2ServerRequestContext, ValueTask> Holding(Task release, Action? entered = null) => async context =>
    {
        if (context.Path == "/index.html")
        {
            entered?.Invoke();
            await release.WaitAsync(Wait);
        }
        context.ResponseBodyWriter.Write("ok"u8);
    };

    private static async Task AssertServes(TestServer server, bool tls = false)
    {
        using HttpClient client = tls ? TestServer.TlsClient() : TestServer.PriorKnowledgeClient();
        Assert.Equal("ok", await client.GetStringAsync((tls ? server.Https : server.Http) + "/"));
    }

    [Fact]
    public async Task Past_MaxConcurrentConnections_a_new_connection_is_closed_unanswered_and_a_freed_slot_is_reused()
    {
        await using TestServer server = await TestServer.StartAsync(Holding(Task.CompletedTask), o => o.Limits.MaxConcurrentConnections = 2);
        using var first = new RawClient(server.Port);
        using var second = new RawClient(server.Port);
        foreach (RawClient held in new[] { first, second })
        {
            held.Start();
            Assert.True(held.ReadUntil(e => e is RemoteSettingsChanged, Wait)); // accepted and served
        }

        using (var third = new FrameClient(server.Port))
        {
            third.Start();
            Assert.True(third.ClosedWithin(Wait));
            Assert.Empty(third.Frames); // not even SETTINGS: closed as soon as accepted
        }

        int id = second.Get("/"); // the connections within the limit are served meanwhile
        Assert.True(second.ReadUntil(e => e is StreamEnded ended && ended.StreamId == id, Wait));
        Assert.Equal(200, second.Status(id));

        first.Dispose();
        var clock = Stopwatch.StartNew();
        while (true) // the server sees the close on its next read; the slot is then free
        {
            try
            {
                await AssertServes(server);
                break;
            }
            catch (HttpRequestException) when (clock.Elapsed < Wait)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task A_TLS_client_that_never_finishes_its_handshake_is_closed_after_HandshakeTimeout()
    {
        await using TestServer server = await TestServer.StartAsync(Holding(Task.CompletedTask), tls: true, https: o => o.HandshakeTimeout = TimeSpan.FromSeconds(2));
        // A cold first TLS handshake (JIT, certificate load) can itself take over a second on a
        // loaded machine: warm up before the silent client, so only it meets the timeout.
        await AssertServes(server, tls: true);
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await silent.ConnectAsync("127.0.0.1", server.Port);
        silent.ReceiveTimeout = (int)Wait.TotalMilliseconds;
        var clock = Stopwatch.StartNew();

        await AssertServes(server, tls: true); // served meanwhile
        int read;
        try
        {
            read = silent.Receive(new byte[16]);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            read = 0;
        }

        Assert.Equal(0, read); // closed, nothing sent
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(8));
        await AssertServes(server, tls: true);
    }

    [Fact]
    public async Task An_unanswered_keep_alive_PING_closes_the_connection_with_GOAWAY_NO_ERROR()
    {
        await using TestServer server = await TestServer.StartAsync(Holding(Task.CompletedTask), o =>
        {
            o.Limits.KeepAlivePingDelay = TimeSpan.FromSeconds(1);
            o.Limits.KeepAlivePingTimeout = TimeSpan.FromSeconds(1);
        });
        using var quiet = new FrameClient(server.Port);
        quiet.Start();

        Assert.True(quiet.ReadUntil(f => f.Type == RawFrame.Ping, Wait));
        RawFrame ping = quiet.Frames[^1];
        Assert.Equal(0, ping.StreamId);
        Assert.False(ping.Has(RawFrame.Ack));
        Assert.Equal(8, ping.Payload.Length);
        await AssertServes(server); // served meanwhile

        Assert.True(quiet.ReadUntil(f => f.Type == RawFrame.GoAway, Wait));
        Assert.Equal(ErrorCode.NoError, quiet.Frames[^1].ErrorCode);
        Assert.True(quiet.ClosedWithin(Wait));
    }

    [Fact]
    public async Task A_client_that_answers_keep_alive_PINGs_keeps_its_connection()
    {
        await using TestServer server = await TestServer.StartAsync(Holding(Task.CompletedTask), o =>
        {
            o.Limits.KeepAlivePingDelay = TimeSpan.FromSeconds(1);
            o.Limits.KeepAlivePingTimeout = TimeSpan.FromSeconds(1);
        });
        using var live = new FrameClient(server.Port);
        live.Start();

        // Three rounds take more than delay + timeout twice over: an unanswered PING would have closed it.
        for (int round = 0; round < 3; round++)
        {
            Assert.True(live.ReadUntil(f => f.Type == RawFrame.Ping && !f.Has(RawFrame.Ack), Wait));
            live.Send(RawFrame.Ping, RawFrame.Ack, 0, live.Frames[^1].Payload);
        }

        Assert.DoesNotContain(live.Frames, f => f.Type == RawFrame.GoAway);
        live.Get(1);
        Assert.True(live.ReadUntil(f => f.StreamId == 1 && f.Has(RawFrame.EndStream), Wait));
        Assert.Equal(RawFrame.Data, live.Frames[^1].Type);
    }

    [Fact]
    public async Task A_body_trickled_below_MinRequestBodyDataRate_is_reset_CANCEL_and_the_reader_gets_408()
    {
        var thrown = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using TestServer server = await TestServer.StartAsync(async context =>
        {
            if (context.Path != "/upload")
            {
                context.ResponseBodyWriter.Write("ok"u8);
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
        }, o => o.Limits.MinRequestBodyDataRate = new H2MinDataRate(1000, TimeSpan.FromSeconds(1.5)));
        using var trickle = new RawClient(server.Port);
        trickle.Start();
        int upload = trickle.Post("/upload");
        trickle.SendData(upload, new byte[10]);

        int get = trickle.Get("/"); // the same connection serves another stream meanwhile
        Assert.True(trickle.ReadUntil(e => e is StreamEnded ended && ended.StreamId == get, Wait));
        Assert.Equal(200, trickle.Status(get));
        await AssertServes(server);

        Assert.True(trickle.ReadUntil(e => e is StreamReset, Wait));
        StreamReset reset = trickle.Events.OfType<StreamReset>().Single();
        Assert.Equal(upload, reset.StreamId);
        Assert.Equal(ErrorCode.Cancel, reset.ErrorCode);
        Assert.Equal(408, await thrown.Task.WaitAsync(Wait));
        Assert.DoesNotContain(trickle.Events, e => e is ConnectionTerminated);
    }

    [Fact]
    public async Task A_stream_past_MaxStreamsPerConnection_is_refused_and_the_others_finish()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int entered = 0;
        await using TestServer server = await TestServer.StartAsync(Holding(release.Task, () => Interlocked.Increment(ref entered)),
            o => o.Limits.MaxStreamsPerConnection = 2);
        using var greedy = new FrameClient(server.Port);
        greedy.Start();
        Assert.True(greedy.ReadUntil(f => f.Type == RawFrame.Settings && !f.Has(RawFrame.Ack), Wait));
        Assert.Equal(2u, Setting(greedy.Frames[^1], 0x3)); // SETTINGS_MAX_CONCURRENT_STREAMS

        greedy.Get(1, index: true);
        greedy.Get(3, index: true);
        greedy.Get(5, index: true); // a third while two are open: RFC 9113 section 5.1.2

        Assert.True(greedy.ReadUntil(f => f.Type == RawFrame.RstStream, Wait));
        RawFrame refused = greedy.Frames[^1];
        Assert.Equal(5, refused.StreamId);
        Assert.Equal(ErrorCode.RefusedStream, refused.ErrorCode);
        await AssertServes(server); // another client meanwhile
        Assert.Equal(2, Volatile.Read(ref entered));

        release.SetResult();
        var ended = new HashSet<int>();
        Assert.True(greedy.ReadUntil(f => f.Has(RawFrame.EndStream) && f.Type == RawFrame.Data && ended.Add(f.StreamId) && ended.Count == 2, Wait));
        Assert.Equal([1, 3], ended.Order());
        greedy.Get(7); // below the limit again
        Assert.True(greedy.ReadUntil(f => f.StreamId == 7 && f.Has(RawFrame.EndStream), Wait));
        Assert.Equal(2, Volatile.Read(ref entered));
    }

    [Fact]
    public async Task Graceful_shutdown_refuses_new_streams_and_closes_what_outlives_ShutdownTimeout()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        TestServer server = await TestServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref calls);
            entered.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted); // never finishes by itself
            }
            catch (OperationCanceledException)
            {
                aborted.TrySetResult();
            }
        }, o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        using var client = new FrameClient(server.Port);
        client.Start();
        client.Get(1);
        await entered.Task.WaitAsync(Wait);

        var clock = Stopwatch.StartNew();
        Task stopping = server.Server.StopAsync();
        Assert.True(client.ReadUntil(f => f.Type == RawFrame.GoAway, Wait));
        RawFrame goAway = client.Frames[^1];
        Assert.Equal(ErrorCode.NoError, goAway.ErrorCode);
        Assert.Equal(1, goAway.LastStreamId);

        client.Get(3); // after the GOAWAY: past its last stream id, never served
        Assert.True(client.ClosedWithin(Wait)); // the drain timeout closes the connection

        await stopping.WaitAsync(Wait);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(8));
        await aborted.Task.WaitAsync(Wait); // the request in flight saw RequestAborted
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.DoesNotContain(client.Frames, f => f.StreamId == 3 && f.Type == RawFrame.Headers);
        using var late = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(async () => await late.ConnectAsync("127.0.0.1", server.Port)); // not listening
        await server.DisposeAsync();
    }

    private static uint Setting(RawFrame settings, ushort id)
    {
        for (int i = 0; i + 6 <= settings.Payload.Length; i += 6)
        {
            if (BinaryPrimitives.ReadUInt16BigEndian(settings.Payload.AsSpan(i)) == id)
            {
                return BinaryPrimitives.ReadUInt32BigEndian(settings.Payload.AsSpan(i + 2));
            }
        }
        throw new InvalidOperationException($"SETTINGS has no setting {id}.");
    }
}
