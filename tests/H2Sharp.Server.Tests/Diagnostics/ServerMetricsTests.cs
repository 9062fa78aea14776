using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using H2Sharp.Events;
using H2Sharp.Server.Tests.Support;

namespace H2Sharp.Server.Tests.Diagnostics;

/// <summary>The server's counters, read with a MeterListener, against what the test made clients do.</summary>
public class ServerMetricsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>Hands the server its own meter, so a listener counts this server only (tests run in parallel).</summary>
    private sealed class OneMeterFactory : IMeterFactory
    {
        public Meter? Meter { get; private set; }

        public Meter Create(MeterOptions options) => Meter = new Meter(options);

        public void Dispose() => Meter?.Dispose();
    }

    private sealed record Measurement(string Name, long Value, Dictionary<string, object?> Tags);

    [Fact]
    public async Task Connections_streams_resets_and_GOAWAYs_are_counted_by_code_and_side()
    {
        using var factory = new OneMeterFactory();
        var options = new H2ServerOptions { ShutdownTimeout = TimeSpan.FromSeconds(5) };
        options.Listen(IPAddress.Loopback, 0);
        await using var server = new H2Server(options, async context =>
        {
            if (context.Path == "/hold")
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }
            if (context.Path == "/abort")
            {
                context.Abort(ErrorCode.Cancel);
                return;
            }
            context.ResponseBodyWriter.Write("ok"u8);
        }, meterFactory: factory);
        await server.StartAsync();
        var seen = new ConcurrentQueue<Measurement>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == factory.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var dict = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                dict[tag.Key] = tag.Value;
            }
            seen.Enqueue(new Measurement(instrument.Name, value, dict));
        });
        listener.Start();
        Assert.Equal(H2Server.MeterName, factory.Meter!.Name);
        int port = server.BoundEndPoints[0].Port;

        using (HttpClient client = TestServer.PriorKnowledgeClient())
        {
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal("ok", await client.GetStringAsync($"http://127.0.0.1:{port}/"));
            }
        }
        using var raw = new RawClient(port);
        raw.Start();
        int held = raw.Post("/hold");
        raw.Core.ResetStream(held, ErrorCode.Cancel); // client side, CANCEL
        raw.Flush();
        int aborted = raw.Get("/abort"); // server side, CANCEL
        Assert.True(raw.ReadUntil(e => e is StreamReset reset && reset.StreamId == aborted, Wait));
        using (var broken = new FrameClient(port))
        {
            broken.Start();
            broken.Send(RawFrame.Data, 0, 0, [1, 2, 3]); // DATA on stream 0: PROTOCOL_ERROR (RFC 9113 section 6.1)
            Assert.True(broken.ReadUntil(f => f.Type == RawFrame.GoAway, Wait));
            Assert.Equal(ErrorCode.ProtocolError, broken.Frames[^1].ErrorCode);
            Assert.True(broken.ClosedWithin(Wait));
        }
        await server.StopAsync(); // GOAWAY NO_ERROR to the connections still open (the raw client's)
        listener.RecordObservableInstruments();

        long Sum(string name, Func<Measurement, bool>? where = null) =>
            seen.Where(m => m.Name == name && (where is null || where(m))).Sum(m => m.Value);
        bool Tagged(Measurement m, string code, string side) => Equals(m.Tags["error.type"], code) && Equals(m.Tags["h2sharp.side"], side);

        Assert.Equal(0, Sum("h2sharp.server.active_connections")); // +1 and -1 for each
        Assert.Equal(3, seen.Count(m => m.Name == "h2sharp.server.active_connections" && m.Value == 1));
        Assert.Equal(5, Sum("h2sharp.server.streams")); // 3 GETs, /hold, /abort
        Assert.Equal(0, Sum("h2sharp.server.active_streams"));
        Assert.Equal(1, Sum("h2sharp.server.stream_resets", m => Tagged(m, "CANCEL", "client")));
        Assert.Equal(1, Sum("h2sharp.server.stream_resets", m => Tagged(m, "CANCEL", "server")));
        Assert.Equal(1, Sum("h2sharp.server.goaways", m => Tagged(m, "PROTOCOL_ERROR", "server")));
        Assert.Equal(1, Sum("h2sharp.server.goaways", m => Tagged(m, "NO_ERROR", "server")));
        Assert.True(Sum("h2sharp.server.bytes_received") > 3 * 24); // at least the prefaces
        Assert.True(Sum("h2sharp.server.bytes_sent") > 0);
    }
}
