using System;
using System.Linq;
using System.Text;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using Xunit;

namespace H2Sharp.Tests.Connection;

/// <summary>H2Connection.HeaderOptions: h2's header_encoding and validate/normalize flags changed on a live connection.</summary>
public class HeaderOptionsTests
{
    [Fact]
    public void Turning_off_inbound_validation_takes_effect_on_the_next_header_block()
    {
        var h = ConnectionHarness.Server();
        var upper = FrameFactory.Request("GET", "/", ("X-Upper", "1"));
        var refused = h.Receive(h.Peer.Headers(1, upper, endStream: true));
        var reset = Assert.IsType<StreamReset>(Assert.Single(refused));
        Assert.Equal((1, ErrorCode.ProtocolError, false), (reset.StreamId, reset.ErrorCode, reset.RemoteReset));
        Assert.Equal("RST_STREAM 1 ProtocolError", Assert.Single(h.Drain()).ToString());

        h.Connection.HeaderOptions.ValidateInboundHeaders = false;
        var request = Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(3, upper, endStream: true))[0]);
        Assert.Equal(3, request.StreamId);
        Assert.Equal(("X-Upper", "1"), FrameFactory.Text(request.Headers)[4]);
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Setting_a_header_encoding_gives_text_headers_from_the_next_block_on()
    {
        var h = ConnectionHarness.Server();
        HeaderField[] latin = [.. FrameFactory.Request(), new HeaderField("x-name"u8.ToArray(), new byte[] { 0x63, 0x61, 0x66, 0xE9 })];
        var before = Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(1, latin, endStream: true))[0]);
        Assert.Null(before.TextHeaders);

        h.Connection.HeaderOptions.HeaderEncoding = Encoding.Latin1;
        var after = Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(3, latin, endStream: true))[0]);
        Assert.Same(Encoding.Latin1, after.TextHeaders!.Encoding);
        Assert.Equal("caf\u00e9", after.TextHeaders.GetValue("x-name"));
        Assert.Null(before.TextHeaders); // an event already returned keeps what it had

        h.Connection.HeaderOptions.HeaderEncoding = null;
        Assert.Null(Assert.IsType<RequestReceived>(h.Receive(h.Peer.Headers(5, latin, endStream: true))[0]).TextHeaders);
    }

    [Fact]
    public void Outbound_normalize_validate_and_cookie_switches_apply_to_the_next_send()
    {
        var h = ConnectionHarness.Client();
        var headers = FrameFactory.Request("GET", "/", ("X-Upper", "1"), ("cookie", "a=1; b=2"));

        h.Connection.SendHeaders(1, headers, endStream: true);
        var first = Assert.Single(h.Drain());
        Assert.Equal([("x-upper", "1"), ("cookie", "a=1"), ("cookie", "b=2")], FrameFactory.Text(first.Headers).Skip(4));

        h.Connection.HeaderOptions.NormalizeOutboundHeaders = false;
        var ex = Assert.Throws<ArgumentException>(() => h.Connection.SendHeaders(3, headers, endStream: true));
        Assert.Equal("headers", ex.ParamName);
        Assert.Empty(h.Drain());

        h.Connection.HeaderOptions.ValidateOutboundHeaders = false;
        h.Connection.HeaderOptions.SplitOutboundCookies = false;
        h.Connection.SendHeaders(3, headers, endStream: true);
        var second = Assert.Single(h.Drain());
        Assert.Equal(3, second.StreamId);
        Assert.Equal([("X-Upper", "1"), ("cookie", "a=1; b=2")], FrameFactory.Text(second.Headers).Skip(4));
    }

    [Fact]
    public void Options_start_from_the_configuration_and_a_change_stays_on_one_connection()
    {
        var config = new H2Configuration { ClientSide = false, HeaderEncoding = Encoding.UTF8, ValidateInboundHeaders = false, SplitOutboundCookies = false };
        var a = new H2Connection(config);
        var b = new H2Connection(config);
        var options = a.HeaderOptions;
        Assert.Equal((Encoding.UTF8, true, true, false, false, true),
            (options.HeaderEncoding, options.ValidateOutboundHeaders, options.NormalizeOutboundHeaders, options.SplitOutboundCookies, options.ValidateInboundHeaders, options.NormalizeInboundHeaders));
        Assert.Same(options, a.HeaderOptions);

        a.HeaderOptions.ValidateInboundHeaders = true;
        a.HeaderOptions.HeaderEncoding = null;
        Assert.Equal((true, (Encoding?)null), (a.HeaderOptions.ValidateInboundHeaders, a.HeaderOptions.HeaderEncoding));
        Assert.Equal((false, (Encoding?)Encoding.UTF8), (b.HeaderOptions.ValidateInboundHeaders, b.HeaderOptions.HeaderEncoding));
        Assert.Equal((false, (Encoding?)Encoding.UTF8), (config.ValidateInboundHeaders, config.HeaderEncoding));
    }
}
