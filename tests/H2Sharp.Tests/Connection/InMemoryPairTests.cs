using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

/// <summary>A client and a server connection wired together in memory, completing many concurrent requests.</summary>
public class InMemoryPairTests
{
    [Theory]
    [InlineData(false, 65_535)]
    [InlineData(true, 65_535)]
    [InlineData(true, 1 << 20)]
    public void Many_concurrent_requests_with_bodies_larger_than_the_window_complete(bool automatic, int connectionWindow)
    {
        const int Requests = 40;
        const int RequestBody = 100_000;
        const int ResponseBody = 150_000;
        var client = new Side(new H2Connection(new H2Configuration { InitialConnectionWindowSize = connectionWindow }), automatic);
        var server = new Side(new H2Connection(new H2Configuration { ClientSide = false, InitialConnectionWindowSize = connectionWindow }), automatic);
        client.Connection.InitiateConnection();
        server.Connection.InitiateConnection();

        var done = new HashSet<int>();
        for (int i = 0; i < Requests; i++)
        {
            int id = client.Connection.GetNextAvailableStreamId();
            client.Connection.SendHeaders(id, FrameFactory.Request("POST", "/upload/" + id, ("content-length", RequestBody.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            client.Queue(id, Pattern(id, RequestBody));
        }

        for (int round = 0; round < 10_000 && done.Count < Requests; round++)
        {
            client.Pump();
            foreach (var e in server.Connection.ReceiveData(client.Connection.DataToSend()))
            {
                if (server.Handle(e) is int ended)
                {
                    Assert.Equal(Pattern(ended, RequestBody), server.Received[ended].ToArray());
                    server.Connection.SendHeaders(ended, FrameFactory.Response("200"));
                    server.Queue(ended, Pattern(-ended, ResponseBody));
                }
            }

            server.Pump();
            foreach (var e in client.Connection.ReceiveData(server.Connection.DataToSend()))
            {
                if (client.Handle(e) is int ended)
                {
                    Assert.Equal(Pattern(-ended, ResponseBody), client.Received[ended].ToArray());
                    done.Add(ended);
                }
            }
        }

        Assert.Equal(Requests, done.Count);
        Assert.Equal(0, client.Connection.OpenOutboundStreams);
        Assert.Equal(0, server.Connection.OpenInboundStreams);
        Assert.True(client.WindowUpdatesSeen > 0 && server.WindowUpdatesSeen > 0);
    }

    private static byte[] Pattern(int seed, int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + seed);
        }

        return bytes;
    }

    private sealed class Side(H2Connection connection, bool automatic)
    {
        private readonly Dictionary<int, (byte[] Body, int Offset)> _sending = new();

        public H2Connection Connection { get; } = connection;

        public Dictionary<int, MemoryStream> Received { get; } = new();

        public int WindowUpdatesSeen { get; private set; }

        public void Queue(int streamId, byte[] body) => _sending[streamId] = (body, 0);

        /// <summary>Sends what the windows allow on every stream with body left.</summary>
        public void Pump()
        {
            foreach (var id in _sending.Keys.ToList())
            {
                var (body, offset) = _sending[id];
                offset += Connection.SendAvailableData(id, body.AsSpan(offset), endStream: true);
                if (offset == body.Length)
                {
                    _sending.Remove(id);
                }
                else
                {
                    _sending[id] = (body, offset);
                }
            }
        }

        /// <summary>Handles one event; returns the stream id when the peer ended a stream.</summary>
        public int? Handle(H2Event e)
        {
            switch (e)
            {
                case DataReceived data:
                    var ms = Received.TryGetValue(data.StreamId, out var s) ? s : Received[data.StreamId] = new MemoryStream();
                    ms.Write(data.Data.Span);
                    if (automatic)
                    {
                        Connection.AcknowledgeReceivedData(data.FlowControlledLength, data.StreamId);
                    }
                    else if (data.FlowControlledLength > 0)
                    {
                        Connection.IncrementFlowControlWindow(data.FlowControlledLength);
                        try
                        {
                            if (data.StreamEnded is null)
                            {
                                Connection.IncrementFlowControlWindow(data.FlowControlledLength, data.StreamId);
                            }
                        }
                        catch (StreamClosedException)
                        {
                            // A later frame of the same batch closed the stream: its window no longer matters.
                        }
                    }

                    return null;
                case StreamEnded ended:
                    return ended.StreamId;
                case WindowUpdated:
                    WindowUpdatesSeen++;
                    return null;
                case StreamReset reset:
                    throw new InvalidOperationException($"Unexpected reset of stream {reset.StreamId}: {reset.ErrorCode} {reset.Error?.Message}");
                default:
                    return null;
            }
        }
    }
}
