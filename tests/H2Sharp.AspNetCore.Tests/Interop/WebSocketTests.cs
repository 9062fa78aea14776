using System.Net;
using System.Net.Http;
using System.Net.WebSockets;
using System.Text;

namespace H2Sharp.AspNetCore.Tests.Interop;

/// <summary>ClientWebSocket over HTTP/2 (extended CONNECT, RFC 8441) against the sample's /ws echo.</summary>
public sealed class WebSocketTests
{
    [Theory]
    [InlineData(ServerKind.H2Sharp)]
    [InlineData(ServerKind.Kestrel)]
    public async Task Messages_echo_over_an_HTTP2_WebSocket(ServerKind kind)
    {
        await using AppHost host = await AppHost.StartSampleAsync(kind);
        using var cts = new CancellationTokenSource(AppHost.Timeout);
        using var socket = new ClientWebSocket();
        socket.Options.HttpVersion = HttpVersion.Version20;
        socket.Options.HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        socket.Options.CollectHttpResponseDetails = true;
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler());
        var uri = new Uri($"ws://127.0.0.1:{host.Address.Port}/ws");

        await socket.ConnectAsync(uri, invoker, cts.Token);
        Assert.Equal(HttpStatusCode.OK, socket.HttpStatusCode);

        byte[] buffer = new byte[64 * 1024];
        foreach (string text in new[] { "hello", "over", new string('x', 40_000) })
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cts.Token);
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.AsMemory(length), cts.Token);
                length += result.Count;
            }
            while (!result.EndOfMessage);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            Assert.Equal(text, Encoding.UTF8.GetString(buffer, 0, length));
        }

        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }
}
