using H2Sharp.Events;

namespace H2Sharp.Tests.Support;

/// <summary>A connection under test, a simulated peer that builds its frames, and a parser for what the connection sends.</summary>
internal sealed class ConnectionHarness
{
    private ConnectionHarness(H2Connection connection)
    {
        Connection = connection;
    }

    public H2Connection Connection { get; }

    /// <summary>The simulated peer's frame builder (its HPACK encoder matches our decoder).</summary>
    public FrameFactory Peer { get; } = new();

    public SentFrames Sent { get; } = new();

    /// <summary>A server that has exchanged preface and SETTINGS with the simulated client; nothing left to send.</summary>
    public static ConnectionHarness Server(H2Configuration? config = null, params (SettingCode, uint)[] peerSettings)
    {
        var h = new ConnectionHarness(new H2Connection(config ?? new H2Configuration { ClientSide = false }));
        h.Connection.InitiateConnection();
        h.Receive(FrameFactory.Preface, FrameFactory.Settings(peerSettings), FrameFactory.SettingsAck());
        h.Drain();
        return h;
    }

    /// <summary>A client that has exchanged SETTINGS with the simulated server; nothing left to send.</summary>
    public static ConnectionHarness Client(H2Configuration? config = null, params (SettingCode, uint)[] peerSettings)
    {
        var h = new ConnectionHarness(new H2Connection(config ?? new H2Configuration()));
        h.Connection.InitiateConnection();
        h.Receive(FrameFactory.Settings(peerSettings), FrameFactory.SettingsAck());
        h.Drain();
        return h;
    }

    public IReadOnlyList<H2Event> Receive(params byte[][] frames) => Connection.ReceiveData(FrameFactory.Concat(frames));

    public List<SentFrame> Drain() => Sent.Drain(Connection);

    /// <summary>Feeds frames that must cause a connection error; returns the exception and checks the GOAWAY that was queued.</summary>
    public T ReceiveFails<T>(ErrorCode expected, params byte[][] frames)
        where T : ProtocolException
    {
        var ex = Assert.ThrowsAny<T>(() => Receive(frames));
        Assert.Equal(expected, ex.ErrorCode);
        var sent = Drain();
        var goAway = Assert.Single(sent, f => f.Type == H2Sharp.Frames.FrameType.GoAway);
        Assert.Equal(expected, goAway.ErrorCode);
        Assert.Equal(Connection.HighestInboundStreamId, goAway.LastStreamId);
        return ex;
    }

    /// <summary>Client side: sends a GET on the next stream and drains; returns the stream id.</summary>
    public int SendRequest(bool endStream = true, string method = "GET")
    {
        int id = Connection.GetNextAvailableStreamId();
        Connection.SendHeaders(id, FrameFactory.Request(method), endStream);
        Drain();
        return id;
    }

    /// <summary>Server side: the simulated client opens a stream with a request.</summary>
    public IReadOnlyList<H2Event> ReceiveRequest(int streamId, bool endStream = true, params (string, string)[] extra) =>
        Receive(Peer.Headers(streamId, FrameFactory.Request("GET", "/", extra), endStream));
}
