using System.Security.Cryptography;
using System.Text.Json;
using H2Sharp.Events;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>Node's http2 client (nghttp2 inside Node) against H2Connection as a server.</summary>
public sealed class NodeClientTests : IDisposable
{
    private readonly H2TestServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Concurrent_requests_trailers_and_a_cancel()
    {
        string node = ExternalTool.Require("node", "nodejs");
        using var client = PeerProcess.Start(node, $"\"{Path.Combine(AppContext.BaseDirectory, "Peers", "node_client.js")}\" {_server.Port}");
        int exit = client.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"node exited {exit}: {client.StandardError}\n{client.StandardOutput}");

        using var doc = JsonDocument.Parse(client.StandardOutput);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("path").GetString()!);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("pingError").ValueKind);

        AssertBody(results["/hello"], 200, TestRoutes.Hello);
        AssertBody(results["/bytes/200000"], 200, TestRoutes.Pattern(200_000));
        AssertBody(results["/missing"], 404, TestRoutes.NotFound);
        AssertBody(results["/bytes/1"], 200, TestRoutes.Pattern(1));
        AssertBody(results["/trailers"], 200, TestRoutes.TrailerBody);
        JsonElement trailers = results["/trailers"].GetProperty("trailers");
        Assert.Equal("c0ffee", trailers.GetProperty("x-checksum").GetString());
        Assert.Equal("3", trailers.GetProperty("x-items").GetString());
        Assert.Equal((int)ErrorCode.Cancel, results["/hang"].GetProperty("rstCode").GetInt32());

        H2SocketDriver connection = _server.WaitForConnectionsToEnd(1).Single();
        Assert.Null(connection.ConnectionError);
        int hangId = results["/hang"].GetProperty("streamId").GetInt32();
        H2StreamRecord hang = connection.Streams[hangId];
        Assert.Equal("/hang", hang.Get(":path"));
        Assert.Equal(ErrorCode.Cancel, hang.ResetCode);
        Assert.True(hang.RemoteReset);
        Assert.Contains(connection.Events, e => e is StreamReset { RemoteReset: true, ErrorCode: ErrorCode.Cancel } r && r.StreamId == hangId);
        Assert.Equal("node", connection.Streams[results["/hello"].GetProperty("streamId").GetInt32()].Get("x-client"));
        Assert.Contains(connection.Events, e => e is PingReceived p && p.PingData.Span.SequenceEqual("h2sharp!"u8));
        Assert.Equal(ErrorCode.NoError, connection.GoAway?.ErrorCode);
    }

    private static void AssertBody(JsonElement result, int status, byte[] expected)
    {
        Assert.Equal(status, result.GetProperty("headers").GetProperty(":status").GetInt32());
        Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), result.GetProperty("headers").GetProperty("content-length").GetString());
        Assert.Equal(expected.Length, result.GetProperty("length").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), result.GetProperty("sha256").GetString());
    }
}
