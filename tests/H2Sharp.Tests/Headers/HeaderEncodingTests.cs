using System.Linq;
using System.Text;
using H2Sharp.Events;
using H2Sharp.Tests.Support;
using Xunit;

namespace H2Sharp.Tests.Headers;

/// <summary>Header strings: UTF-8 by default (h2's choice), Latin-1 on request, both ways over a connection.</summary>
public class HeaderEncodingTests
{
    [Fact]
    public void String_headers_are_utf8_by_default_and_latin1_on_request()
    {
        Assert.Equal([0xC3, 0xA9], new HeaderField("x-name", "\u00e9").Value.ToArray());
        Assert.Equal([0xE9], new HeaderField("x-name", "\u00e9", Encoding.Latin1).Value.ToArray());
        Assert.Equal("x-name"u8.ToArray(), new HeaderField("x-name", "\u00e9", Encoding.Latin1).Name.ToArray());
        Assert.Equal([(byte)'?'], new HeaderField("x-name", "\u20ac", Encoding.Latin1).Value.ToArray()); // not in Latin-1
    }

    [Fact]
    public void Latin1_value_travels_as_one_octet_and_reads_back_with_either_api()
    {
        var client = ConnectionHarness.Client();
        HeaderField[] request = [.. FrameFactory.Request(), new HeaderField("x-city", "Z\u00fcrich", Encoding.Latin1)];
        client.Connection.SendHeaders(1, request, endStream: true);
        var sent = Assert.Single(client.Drain());
        var field = sent.Headers.Single(f => f.NameString == "x-city");
        Assert.Equal([(byte)'Z', 0xFC, (byte)'r', (byte)'i', (byte)'c', (byte)'h'], field.Value.ToArray());

        var server = ConnectionHarness.Server(new H2Configuration { ClientSide = false, HeaderEncoding = Encoding.Latin1 });
        var received = Assert.IsType<RequestReceived>(server.Receive(server.Peer.Headers(1, request, endStream: true))[0]);
        Assert.Equal("Z\u00fcrich", received.TextHeaders!.GetValue("x-city"));
        Assert.Equal("Z\u00fcrich", received.Headers.Single(f => f.NameString == "x-city").GetValueString(Encoding.Latin1));
        Assert.Equal("Z\uFFFDrich", received.Headers.Single(f => f.NameString == "x-city").ValueString); // UTF-8 reading of a Latin-1 octet
    }

    [Fact]
    public void Utf8_value_reads_back_as_utf8()
    {
        HeaderField[] request = [.. FrameFactory.Request(), new HeaderField("x-city", "Z\u00fcrich")];
        var server = ConnectionHarness.Server(new H2Configuration { ClientSide = false, HeaderEncoding = Encoding.UTF8 });
        var received = Assert.IsType<RequestReceived>(server.Receive(server.Peer.Headers(1, request, endStream: true))[0]);
        Assert.Equal("Z\u00fcrich", received.TextHeaders!.GetValue("x-city"));
        Assert.Equal("Z\u00fcrich", received.Headers.Single(f => f.NameString == "x-city").ValueString);
    }
}
