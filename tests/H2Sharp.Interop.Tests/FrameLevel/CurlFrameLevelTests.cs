using System.Net;
using System.Net.Sockets;
using System.Text;
using H2Sharp.Frames;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.FrameLevel;

/// <summary>
/// curl (built on nghttp2) sends a request to an endpoint made only of H2Sharp's frame layer and
/// HPACK, which answers with frames it writes itself. curl prints the body only if it accepted
/// every frame and header block we sent.
/// </summary>
public class CurlFrameLevelTests
{
    [Fact]
    public async Task Curl_request_decodes_and_our_response_reaches_curl()
    {
        string curl = ExternalTool.Require("curl", "curl");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string longValue = new string('v', 20_000); // forces a header block larger than one frame

        using var client = PeerProcess.Start(curl,
            $"-sS --http2-prior-knowledge --max-time 20 -H \"x-test: Hello World\" -H \"x-long: {longValue}\" http://127.0.0.1:{port}/some/path?q=1");
        using var socket = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(20));
        using var peer = new RawH2Peer(socket.GetStream());

        Assert.Equal(RawH2Peer.ClientPreface, peer.ReadExactly(RawH2Peer.ClientPreface.Length));
        peer.Write(w => FrameWriter.WriteSettings(w, new[] { new Setting(SettingCode.MaxConcurrentStreams, 100) }));

        List<HeaderField> request = new();
        RawFrame frame;
        bool ended = false, blockComplete = false;
        do
        {
            frame = peer.ReadFrame();
            if (frame.Type == FrameType.Settings && !frame.Flags.HasFlag(FrameFlags.Ack))
            {
                peer.Write(w => FrameWriter.WriteSettingsAck(w));
            }
            if (frame.Headers is not null)
            {
                request.AddRange(frame.Headers);
            }
            if (frame.StreamId == 1)
            {
                // END_STREAM rides on HEADERS, but the block is whole only at END_HEADERS (RFC 9113 6.2).
                ended |= frame.EndStream;
                blockComplete |= frame.Flags.HasFlag(FrameFlags.EndHeaders);
            }
        }
        while (!(ended && blockComplete));

        string Get(string name) => request.Single(h => h.NameString == name).ValueString;
        Assert.Equal("GET", Get(":method"));
        Assert.Equal("http", Get(":scheme"));
        Assert.Equal($"127.0.0.1:{port}", Get(":authority"));
        Assert.Equal("/some/path?q=1", Get(":path"));
        Assert.Equal("Hello World", Get("x-test"));
        Assert.Equal(longValue, Get("x-long"));

        byte[] body = Encoding.ASCII.GetBytes("hello from H2Sharp frames\n");
        byte[] block = peer.EncodeHeaders(
            new HeaderField(":status", "200"),
            new HeaderField("content-type", "text/plain"),
            new HeaderField("content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new HeaderField("x-long-reply", longValue));
        // Split the block over HEADERS + CONTINUATION to check that curl reassembles ours.
        int half = block.Length / 2;
        peer.Write(w =>
        {
            FrameWriter.WriteHeaders(w, 1, block.AsSpan(0, half), endStream: false, endHeaders: false);
            FrameWriter.WriteContinuation(w, 1, block.AsSpan(half), endHeaders: true);
            FrameWriter.WriteData(w, 1, body.AsSpan(0, 5), endStream: false, padLength: 10);
            FrameWriter.WriteData(w, 1, body.AsSpan(5), endStream: true);
            FrameWriter.WriteGoAway(w, 1, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
        });

        Assert.Equal(0, client.WaitForExit(TimeSpan.FromSeconds(20)));
        Assert.Equal("hello from H2Sharp frames\n", client.StandardOutput);
    }
}
