using System;
using H2Sharp.Events;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>H2Connection as a client against Node's http2 server: 103 Early Hints, trailers, server push, GOAWAY.</summary>
public sealed class NodeServerTests : IDisposable
{
    private readonly PeerProcess _server;
    private readonly int _port;

    public NodeServerTests()
    {
        string node = ExternalTool.Require("node", "nodejs");
        _server = PeerProcess.Start(node, $"\"{Path.Combine(AppContext.BaseDirectory, "Peers", "node_server.js")}\"");
        _server.WaitForOutput("listening ", TimeSpan.FromSeconds(20));
        _port = int.Parse(_server.StandardOutput.Trim().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Authority => $"127.0.0.1:{_port}";

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Early_hints_come_before_the_final_response()
    {
        using var client = H2SocketDriver.ConnectClient(_port);
        H2StreamRecord r = client.SendRequest("GET", Authority, "/early");
        client.RunUntil(() => r.Done);

        List<HeaderField> hints = Assert.Single(r.Informational);
        Assert.Equal(new[] { (":status", "103"), ("link", "</style.css>; rel=preload; as=style") }, H2StreamRecord.Pairs(hints));
        Assert.Equal("200", r.Status);
        Assert.Equal("after early hints\n", r.BodyText);
        int hintIndex = client.Events.FindIndex(e => e is InformationalResponseReceived);
        int finalIndex = client.Events.FindIndex(e => e is ResponseReceived);
        Assert.True(hintIndex >= 0 && hintIndex < finalIndex);
    }

    [Fact]
    public void Trailers_end_the_stream()
    {
        using var client = H2SocketDriver.ConnectClient(_port);
        H2StreamRecord r = client.SendRequest("GET", Authority, "/trailers");
        client.RunUntil(() => r.Done);

        Assert.Equal("200", r.Status);
        Assert.Equal("body then trailers\n", r.BodyText);
        Assert.Equal(new[] { ("x-sum", "42"), ("x-note", "done") }, H2StreamRecord.Pairs(r.Trailers));
        var trailers = Assert.Single(client.Events.OfType<TrailersReceived>());
        Assert.Equal(new StreamEnded { StreamId = 1 }, trailers.StreamEnded);
    }

    [Fact]
    public void Server_push_arrives_on_stream_two_with_its_promised_request()
    {
        using var client = H2SocketDriver.ConnectClient(_port, new H2Configuration { ClientSide = true, EnablePush = true });
        H2StreamRecord parent = client.SendRequest("GET", Authority, "/push");
        client.RunUntil(() => parent.Done && client.Streams.TryGetValue(2, out H2StreamRecord? p) && p.Done);

        PushedStreamReceived promise = Assert.Single(client.Events.OfType<PushedStreamReceived>());
        Assert.Equal((1, 2), (promise.ParentStreamId, promise.PushedStreamId));
        H2StreamRecord pushed = client.Streams[2];
        Assert.Equal(1, pushed.PushedFrom);
        Assert.Contains((":path", "/pushed.txt"), H2StreamRecord.Pairs(pushed.PromisedRequest));
        Assert.Contains((":method", "GET"), H2StreamRecord.Pairs(pushed.PromisedRequest));
        Assert.Equal("200", pushed.Status);
        Assert.Equal("pushed body\n", pushed.BodyText);
        Assert.Equal("200", parent.Status);
        Assert.Equal("parent body\n", parent.BodyText);
    }

    [Fact]
    public void Push_disabled_means_node_does_not_push()
    {
        using var client = H2SocketDriver.ConnectClient(_port, new H2Configuration { ClientSide = true, EnablePush = false });
        H2StreamRecord parent = client.SendRequest("GET", Authority, "/push");
        client.RunUntil(() => parent.Done);

        Assert.Equal("not allowed", parent.Get("x-push"));
        Assert.DoesNotContain(client.Events, e => e is PushedStreamReceived);
    }

    [Fact]
    public void Session_close_sends_goaway_no_error_after_the_response()
    {
        using var client = H2SocketDriver.ConnectClient(_port);
        H2StreamRecord r = client.SendRequest("GET", Authority, "/goaway");
        client.RunUntil(() => r.Done && client.GoAway is not null);

        Assert.Equal("bye\n", r.BodyText);
        Assert.Equal(ErrorCode.NoError, client.GoAway!.ErrorCode);
        Assert.Equal(1, client.GoAway.LastStreamId);
        Assert.Throws<InvalidOperationException>(() => client.Connection.SendHeaders(3, new HeaderField[]
        {
            new(":method", "GET"), new(":scheme", "http"), new(":authority", Authority), new(":path", "/"),
        }, endStream: true));
    }

    [Fact]
    public void Large_body_crosses_our_windows()
    {
        using var client = H2SocketDriver.ConnectClient(_port);
        H2StreamRecord r = client.SendRequest("GET", Authority, "/bytes/700000");
        client.RunUntil(() => r.Done);

        Assert.Equal("700000", r.Get("content-length"));
        Assert.Equal(Enumerable.Range(0, 700_000).Select(i => (byte)(i % 251)).ToArray(), r.Body);
    }
}
