using System.Net;
using System.Net.Sockets;
using System.Text;
using H2Sharp.Frames;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.FrameLevel;

/// <summary>
/// nghttpd (nghttp2's server) talks to an endpoint made only of H2Sharp's frame layer and HPACK:
/// our FrameWriter and HpackEncoder build the request, our FrameReader and HpackDecoder read
/// the answer. A misreading of RFC 9113 or RFC 7541 on our side shows up as nghttpd refusing
/// the bytes or as a response we cannot parse.
/// </summary>
public sealed class NghttpdFrameLevelTests : IDisposable
{
    private readonly string _htdocs = Directory.CreateTempSubdirectory("h2sharp-nghttpd-").FullName;

    public void Dispose() => Directory.Delete(_htdocs, recursive: true);

    [Fact]
    public void Get_returns_the_file_bytes_with_status_and_content_length()
    {
        byte[] content = new byte[100_000];
        new Random(7).NextBytes(content);
        File.WriteAllBytes(Path.Combine(_htdocs, "blob.bin"), content);

        using var server = StartNghttpd(out int port);
        using var peer = Connect(port);
        peer.WriteRaw(RawH2Peer.ClientPreface);
        peer.Write(w => FrameWriter.WriteSettings(w, new[] { new Setting(SettingCode.EnablePush, 0) }));
        byte[] block = peer.EncodeHeaders(
            new HeaderField(":method", "GET"), new HeaderField(":scheme", "http"),
            new HeaderField(":authority", $"127.0.0.1:{port}"), new HeaderField(":path", "/blob.bin"),
            new HeaderField("user-agent", "h2sharp-interop"));
        peer.Write(w => FrameWriter.WriteHeaders(w, 1, block, endStream: true, endHeaders: true));

        var (headers, body, frames) = peer.ReadResponse(1);

        Assert.Equal(":status", headers[0].NameString);
        Assert.Equal("200", headers[0].ValueString);
        Assert.Contains(headers, h => h.NameString == "content-length" && h.ValueString == "100000");
        Assert.Equal(content, body);
        // 100,000 bytes cannot fit one 16,384-octet frame: the body came as several DATA frames.
        Assert.True(frames.Count(f => f.Type == FrameType.Data) >= 7);
        Assert.Equal(FrameType.Settings, frames[0].Type);
    }

    [Fact]
    public void Missing_file_gives_404_on_the_same_connection_as_a_later_200()
    {
        File.WriteAllText(Path.Combine(_htdocs, "a.txt"), "hello from nghttpd\n");
        using var server = StartNghttpd(out int port);
        using var peer = Connect(port);
        peer.WriteRaw(RawH2Peer.ClientPreface);
        peer.Write(w => FrameWriter.WriteSettings(w, ReadOnlySpan<Setting>.Empty));

        foreach (var (streamId, path, status) in new[] { (1, "/nope", "404"), (3, "/a.txt", "200"), (5, "/a.txt", "200") })
        {
            // The second and third blocks reuse dynamic table entries from the first.
            byte[] block = peer.EncodeHeaders(
                new HeaderField(":method", "GET"), new HeaderField(":scheme", "http"),
                new HeaderField(":authority", $"127.0.0.1:{port}"), new HeaderField(":path", path));
            peer.Write(w => FrameWriter.WriteHeaders(w, streamId, block, endStream: true, endHeaders: true));
            var (headers, body, _) = peer.ReadResponse(streamId);
            Assert.Equal(status, headers.Single(h => h.NameString == ":status").ValueString);
            if (status == "200")
            {
                Assert.Equal("hello from nghttpd\n", Encoding.ASCII.GetString(body));
            }
        }
    }

    [Fact]
    public void Bad_preface_gets_goaway_protocol_error_from_nghttpd()
    {
        using var server = StartNghttpd(out int port);
        using var peer = Connect(port);
        peer.WriteRaw(RawH2Peer.ClientPreface);
        // A DATA frame on stream 0 is a connection error of type PROTOCOL_ERROR (RFC 9113 6.1).
        peer.Write(w => FrameWriter.WriteSettings(w, ReadOnlySpan<Setting>.Empty));
        peer.WriteRaw(new byte[] { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x61 });
        RawFrame frame;
        do
        {
            frame = peer.ReadFrame();
        }
        while (frame.Type != FrameType.GoAway);
        Assert.Equal(ErrorCode.ProtocolError, frame.ErrorCode);
    }

    private PeerProcess StartNghttpd(out int port)
    {
        string nghttpd = ExternalTool.Require("nghttpd", "nghttp2-server");
        port = Loopback.FreePort();
        var server = PeerProcess.Start(nghttpd, $"--no-tls --address=127.0.0.1 -d {_htdocs} {port}");
        Loopback.WaitForListener(port, TimeSpan.FromSeconds(15));
        return server;
    }

    private static RawH2Peer Connect(int port)
    {
        var client = new TcpClient();
        client.Connect(IPAddress.Loopback, port);
        client.NoDelay = true;
        return new RawH2Peer(client.GetStream());
    }
}
