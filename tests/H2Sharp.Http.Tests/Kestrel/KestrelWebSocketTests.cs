using System.Net;
using System.Net.WebSockets;
using System.Text;
using H2Sharp.Http.Tests.Support;

namespace H2Sharp.Http.Tests.Kestrel;

/// <summary>ClientWebSocket over HTTP/2 (RFC 8441 extended CONNECT) through HttpMessageInvoker on H2SharpHandler.</summary>
public sealed class KestrelWebSocketTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    [Fact]
    public async Task WebSocket_echo_over_http2()
    {
        using var invoker = new HttpMessageInvoker(new H2SharpHandler());
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{kestrel.App.Port}/ws"), invoker, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, socket.HttpStatusCode);

        await socket.SendAsync(Encoding.UTF8.GetBytes("ping over h2"), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[256];
        WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal("ping over h2", Encoding.UTF8.GetString(buffer, 0, result.Count));

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }
}
