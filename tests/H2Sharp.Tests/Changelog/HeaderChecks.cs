using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Changelog;

/// <summary>
/// The four ways a header rule is checked at connection level: a server or client receiving a
/// block that breaks it (stream error PROTOCOL_ERROR, the connection lives on), and a client or
/// server refusing to send one (<see cref="ArgumentException"/>, nothing queued).
/// </summary>
internal static class HeaderChecks
{
    /// <summary>The simulated client sends <paramref name="request"/> on stream 1: exactly one StreamReset and one RST_STREAM PROTOCOL_ERROR; stream 3 still works.</summary>
    public static void ServerRejectsRequest(HeaderField[] request, H2Configuration? config = null)
    {
        var h = ConnectionHarness.Server(config);
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(1, request, endStream: true))));
        Assert.Equal(1, reset.StreamId);
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.False(reset.RemoteReset);
        Assert.Equal(["RST_STREAM 1 ProtocolError"], h.Drain().Select(f => f.ToString()));
        Assert.IsType<RequestReceived>(h.ReceiveRequest(3)[0]);
    }

    /// <summary>The server accepts <paramref name="request"/>: one RequestReceived carrying the fields as sent.</summary>
    public static RequestReceived ServerAcceptsRequest(HeaderField[] request, H2Configuration? config = null)
    {
        var h = ConnectionHarness.Server(config);
        var received = Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(1, request, endStream: true))[0]);
        Assert.Empty(h.Drain());
        return received;
    }

    /// <summary>The client refuses to send <paramref name="request"/> on stream 1; nothing is queued and stream 1 can still be opened.</summary>
    public static ArgumentException ClientRefusesRequest(HeaderField[] request, H2Configuration? config = null)
    {
        var h = ConnectionHarness.Client(config);
        var ex = Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, request, endStream: true));
        Assert.Equal("headers", ex.ParamName);
        Assert.Empty(h.Drain());
        h.Connection.SendHeaders(1, FrameFactory.Request(), endStream: true);
        Assert.Equal(["HEADERS 1 END_STREAM"], h.Drain().Select(f => f.ToString()));
        return ex;
    }

    /// <summary>The client sends <paramref name="request"/>; returns the header block that went out.</summary>
    public static IReadOnlyList<HeaderField> ClientSends(HeaderField[] request, H2Configuration? config = null)
    {
        var h = ConnectionHarness.Client(config);
        h.Connection.SendHeaders(1, request, endStream: true);
        var frame = Assert.Single(h.Drain());
        Assert.Equal(FrameType.Headers, frame.Type);
        return frame.Headers;
    }

    /// <summary>The client receives <paramref name="response"/> to its GET on stream 1: exactly one StreamReset and one RST_STREAM PROTOCOL_ERROR.</summary>
    public static void ClientRejectsResponse(HeaderField[] response)
    {
        var h = ConnectionHarness.Client();
        int id = h.SendRequest();
        var reset = Assert.IsType<StreamReset>(Assert.Single(h.Receive(h.Peer.Headers(id, response, endStream: true))));
        Assert.Equal(ErrorCode.ProtocolError, reset.ErrorCode);
        Assert.False(reset.RemoteReset);
        Assert.Equal([$"RST_STREAM {id} ProtocolError"], h.Drain().Select(f => f.ToString()));
    }

    /// <summary>The server, having received a GET on stream 1, refuses to send <paramref name="response"/>; nothing is queued and a valid response still goes out.</summary>
    public static ArgumentException ServerRefusesResponse(HeaderField[] response)
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        var ex = Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(1, response, endStream: true));
        Assert.Equal("headers", ex.ParamName);
        Assert.Empty(h.Drain());
        h.Connection.SendHeaders(1, FrameFactory.Response(), endStream: true);
        Assert.Equal(["HEADERS 1 END_STREAM"], h.Drain().Select(f => f.ToString()));
        return ex;
    }
}
