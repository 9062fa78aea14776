using System.Security.Cryptography;
using System.Text.Json;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Connection;

/// <summary>Python h2 4.1.0 (the library H2Sharp mirrors) as a client against H2Connection as a server.</summary>
public sealed class PythonH2ClientTests : IDisposable
{
    private readonly H2TestServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public void Get_trailers_and_upload_on_one_connection()
    {
        string python = ExternalTool.RequirePythonH2();
        using var client = PeerProcess.Start(python, $"\"{Path.Combine(AppContext.BaseDirectory, "Peers", "h2_client.py")}\" {_server.Port}");
        int exit = client.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"python exited {exit}: {client.StandardError}\n{client.StandardOutput}");

        using var doc = JsonDocument.Parse(client.StandardOutput);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("path").GetString()!);
        H2SocketDriver connection = _server.WaitForConnectionsToEnd(1).Single();
        Assert.Null(connection.ConnectionError);
        byte[] upload = connection.Streams[5].Body;
        Assert.Equal(300_000, upload.Length);
        Assert.Equal(doc.RootElement.GetProperty("uploadSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(upload)));

        Check(results["/hello"], 1, TestRoutes.Hello);
        Check(results["/trailers"], 3, TestRoutes.TrailerBody);
        Check(results["/echo"], 5, upload);
        Assert.Equal(new[] { "x-checksum:c0ffee", "x-items:3" },
            results["/trailers"].GetProperty("trailers").EnumerateArray().Select(t => t[0].GetString() + ":" + t[1].GetString()));
        Assert.Equal(ErrorCode.NoError, connection.GoAway?.ErrorCode);
    }

    private static void Check(JsonElement result, int streamId, byte[] expected)
    {
        Assert.Equal(streamId, result.GetProperty("streamId").GetInt32());
        var headers = result.GetProperty("headers").EnumerateArray().Select(h => (h[0].GetString(), h[1].GetString())).ToList();
        Assert.Equal((":status", "200"), headers[0]);
        Assert.Contains(("content-length", expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), headers);
        Assert.Contains(("x-request-stream", streamId.ToString(System.Globalization.CultureInfo.InvariantCulture)), headers);
        Assert.Equal(expected.Length, result.GetProperty("length").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), result.GetProperty("sha256").GetString());
    }
}
