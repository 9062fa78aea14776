using System.Text;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Coverage;

/// <summary>H2Configuration.HeaderEncoding (h2's header_encoding): header events as text, lazily.</summary>
public class HeaderTextTests
{
    private static readonly KeyValuePair<string, string>[] RequestText =
    [
        new(":method", "GET"), new(":scheme", "https"), new(":authority", "example.com"), new(":path", "/"), new("x-name", "café"),
    ];

    [Fact]
    public void Without_an_encoding_no_header_event_carries_text()
    {
        var server = ConnectionHarness.Server();
        var request = Assert.IsType<RequestReceived>(server.ReceiveRequest(1, false, ("x-name", "v"))[0]);
        Assert.Null(request.TextHeaders);
        var trailers = Assert.IsType<TrailersReceived>(server.Receive(server.Peer.Headers(1, FrameFactory.Fields(("x-t", "1")), endStream: true))[0]);
        Assert.Null(trailers.TextHeaders);

        var client = ConnectionHarness.Client();
        int id = client.SendRequest();
        var events = client.Receive(
            client.Peer.Headers(id, FrameFactory.Response("103")),
            client.Peer.PushPromise(id, 2, FrameFactory.Request("GET", "/pushed")),
            client.Peer.Headers(id, FrameFactory.Response()));
        Assert.Null(Assert.IsType<InformationalResponseReceived>(events[0]).TextHeaders);
        Assert.Null(Assert.IsType<PushedStreamReceived>(events[1]).TextHeaders);
        Assert.Null(Assert.IsType<ResponseReceived>(events[2]).TextHeaders);
    }

    [Fact]
    public void Utf8_request_and_trailers_as_text_server()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, HeaderEncoding = Encoding.UTF8 });
        var request = Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(1, FrameFactory.Request("GET", "/", ("x-name", "café")), endStream: false))[0]);
        var text = request.TextHeaders!;
        Assert.Same(Encoding.UTF8, text.Encoding);
        Assert.Equal(5, text.Count);
        Assert.Equal(RequestText, text);
        Assert.Equal("café", text.GetValue("x-name"));
        Assert.Equal("/", text.GetValue(":path"));
        Assert.Null(text.GetValue("X-Name"));
        Assert.Equal(new KeyValuePair<string, string>(":scheme", "https"), text[1]);
        // Cached: the same strings come back.
        Assert.Same(text[4].Value, text[4].Value);
        // The bytes are still there, unchanged.
        Assert.Equal("café"u8.ToArray(), request.Headers[4].Value.ToArray());

        var trailers = Assert.IsType<TrailersReceived>(h.Receive(h.Peer.Headers(1, FrameFactory.Fields(("x-checksum", "abc")), endStream: true))[0]);
        Assert.Equal([new KeyValuePair<string, string>("x-checksum", "abc")], trailers.TextHeaders!);
    }

    [Fact]
    public void Latin1_response_informational_and_push_as_text_client()
    {
        var h = ConnectionHarness.Client(new H2Configuration { HeaderEncoding = Encoding.Latin1 });
        int id = h.SendRequest();
        var events = h.Receive(
            h.Peer.Headers(id, FrameFactory.Response("103", ("link", "</a>"))),
            h.Peer.PushPromise(id, 2, FrameFactory.Request("GET", "/pushed")),
            h.Peer.Headers(id, FrameFactory.Response("200", ("x-name", "café")), endStream: true));
        var info = Assert.IsType<InformationalResponseReceived>(events[0]);
        Assert.Equal([new(":status", "103"), new("link", "</a>")], info.TextHeaders!);
        var push = Assert.IsType<PushedStreamReceived>(events[1]);
        Assert.Equal("/pushed", push.TextHeaders!.GetValue(":path"));
        var response = Assert.IsType<ResponseReceived>(events[2]);
        // Latin-1 reads the two UTF-8 octets of "é" as two characters.
        Assert.Equal("cafÃ©", response.TextHeaders!.GetValue("x-name"));
        Assert.Same(Encoding.Latin1, response.TextHeaders.Encoding);
    }

    [Fact]
    public void Invalid_bytes_follow_the_encodings_fallback()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, HeaderEncoding = Encoding.UTF8, ValidateInboundHeaders = false });
        var fields = FrameFactory.Request().Append(new HeaderField("x-bin"u8.ToArray(), new byte[] { 0xff }, false)).ToArray();
        var request = Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(1, fields, endStream: true))[0]);
        Assert.Equal("\uFFFD", request.TextHeaders!.GetValue("x-bin"));

        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var s = ConnectionHarness.Server(new H2Configuration { ClientSide = false, HeaderEncoding = strict, ValidateInboundHeaders = false });
        var lazy = Assert.IsType<RequestReceived>(s.Receive(s.Peer.Headers(1, fields, endStream: true))[0]);
        Assert.Equal(5, lazy.TextHeaders!.Count); // counting decodes nothing
        Assert.Throws<DecoderFallbackException>(() => lazy.TextHeaders.GetValue(":path"));
    }
}
