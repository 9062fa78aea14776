using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Support.FrameFactory;

namespace H2Sharp.Tests.Protocol;

/// <summary>Alternative services (RFC 7838 section 4) with h2's rules.</summary>
public class AltSvcTests
{
    private const string Value = "h2=\":8443\"; ma=60";

    [Fact]
    public void Server_explicit_form_sends_ALTSVC_on_stream_0_with_the_origin()
    {
        var h = ConnectionHarness.Server();
        h.Connection.AdvertiseAlternativeService(Value, origin: "https://example.com");
        var frame = Assert.Single(h.Drain());
        Assert.Equal((FrameType.AltSvc, 0, FrameFlags.None), (frame.Type, frame.StreamId, frame.Flags));
        Assert.Equal([0, 19, .. "https://example.com"u8.ToArray(), .. System.Text.Encoding.ASCII.GetBytes(Value)], frame.Payload);
    }

    [Fact]
    public void Server_implicit_form_is_allowed_between_request_and_response_headers()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Connection.AdvertiseAlternativeService("h2=\":443\""u8, streamId: 1);
        var frame = Assert.Single(h.Drain());
        Assert.Equal((FrameType.AltSvc, 1), (frame.Type, frame.StreamId));
        Assert.Equal([0, 0, .. "h2=\":443\""u8.ToArray()], frame.Payload);
        h.Connection.SendHeaders(1, FrameFactory.Response("103"));
        h.Connection.AdvertiseAlternativeService(Value, streamId: 1); // informational responses are not final
        h.Connection.SendHeaders(1, FrameFactory.Response("200"));
        var ex = Assert.Throws<InvalidOperationException>(() => h.Connection.AdvertiseAlternativeService(Value, streamId: 1));
        Assert.Equal("An ALTSVC for stream 1 must be sent after the client's request and before the response headers; use the explicit form (an origin) otherwise.", ex.Message);
    }

    [Fact]
    public void Server_implicit_form_on_unknown_or_closed_streams_is_refused()
    {
        var h = ConnectionHarness.Server();
        Assert.Throws<NoSuchStreamException>(() => h.Connection.AdvertiseAlternativeService(Value, streamId: 1));
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response("200"), endStream: true);
        Assert.Throws<StreamClosedException>(() => h.Connection.AdvertiseAlternativeService(Value, streamId: 1));
    }

    [Fact]
    public void Origin_and_stream_id_together_or_neither_or_an_empty_origin_are_refused()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        Assert.Throws<ArgumentException>(() => h.Connection.AdvertiseAlternativeService(Value, origin: "https://example.com", streamId: 1));
        Assert.Throws<ArgumentException>(() => h.Connection.AdvertiseAlternativeService(Value));
        Assert.Throws<ArgumentException>(() => h.Connection.AdvertiseAlternativeService(Value, origin: ""));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Client_advertising_an_alternative_service_is_an_EndpointRoleException()
    {
        var h = ConnectionHarness.Client();
        Assert.Throws<EndpointRoleException>(() => h.Connection.AdvertiseAlternativeService(Value, origin: "https://example.com"));
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Client_reports_the_explicit_form()
    {
        var h = ConnectionHarness.Client();
        var e = Assert.IsType<AlternativeServiceAvailable>(Assert.Single(h.Receive(AltSvc(0, "https://example.com", Value))));
        Assert.Equal("https://example.com"u8.ToArray(), e.Origin.ToArray());
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(Value), e.FieldValue.ToArray());
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Client_reports_the_implicit_form_with_the_authority_of_its_request()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest();
        var e = Assert.IsType<AlternativeServiceAvailable>(Assert.Single(h.Receive(AltSvc(1, "", Value))));
        Assert.Equal("example.com"u8.ToArray(), e.Origin.ToArray());
        Assert.Equal(System.Text.Encoding.ASCII.GetBytes(Value), e.FieldValue.ToArray());
    }

    [Fact]
    public void Client_keeps_each_request_authority_even_when_the_caller_reuses_its_buffer()
    {
        var h = ConnectionHarness.Client();
        byte[] authority = "a.example"u8.ToArray();
        HeaderField[] Fields() => [new(":method", "GET"), new(":scheme", "https"), new(":authority"u8.ToArray(), authority), new(":path", "/")];
        h.Connection.SendHeaders(1, Fields(), endStream: true);
        h.Connection.SendHeaders(3, Fields(), endStream: true);
        "b.example"u8.CopyTo(authority);
        h.Connection.SendHeaders(5, Fields(), endStream: true);
        "c"u8.CopyTo(authority);

        string[] origins = [.. new[] { 1, 3, 5 }.Select(id => System.Text.Encoding.ASCII.GetString(
            Assert.IsType<AlternativeServiceAvailable>(Assert.Single(h.Receive(AltSvc(id, "", Value)))).Origin.Span))];
        Assert.Equal(["a.example", "a.example", "b.example"], origins);
    }

    [Fact]
    public void Client_ignores_malformed_or_late_ALTSVC_frames()
    {
        var h = ConnectionHarness.Client();
        h.SendRequest(endStream: false);
        Assert.Empty(h.Receive(AltSvc(0, "", Value)));                       // stream 0 without origin
        Assert.Empty(h.Receive(AltSvc(1, "https://example.com", Value)));    // origin on a stream
        Assert.Empty(h.Receive(AltSvc(9, "", Value)));                       // a stream that does not exist
        h.Receive(h.Peer.Headers(1, FrameFactory.Response("200")));
        Assert.Empty(h.Receive(AltSvc(1, "", Value)));                       // after the response headers
        Assert.Empty(h.Drain());
    }

    [Fact]
    public void Ignore_AltSvc_frames_rather_than_exploding_when_receiving_them_on_a_server()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        Assert.Empty(h.Receive(AltSvc(0, "https://example.com", Value), AltSvc(1, "", Value)));
        // Even a malformed ALTSVC is ignored by a server: "A device acting as a server MUST ignore it."
        Assert.Empty(h.Receive(FrameFactory.Raw(FrameType.AltSvc, FrameFlags.None, 0, [0])));
        Assert.Empty(h.Drain());
        Assert.IsType<DataReceived>(Assert.Single(h.Receive(FrameFactory.Data(1, 1))));
    }

    [Fact]
    public void Client_and_server_paired_exchange_both_forms()
    {
        var client = new H2Connection();
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        client.InitiateConnection();
        server.InitiateConnection();
        client.SendHeaders(1, FrameFactory.Fields((":method", "GET"), (":scheme", "http"), (":authority", "a.example:8080"), (":path", "/")), endStream: true);
        server.ReceiveData(client.DataToSend());
        server.AdvertiseAlternativeService(Value, streamId: 1);
        server.AdvertiseAlternativeService("clear", origin: "https://b.example");
        var services = client.ReceiveData(server.DataToSend()).OfType<AlternativeServiceAvailable>().ToArray();
        Assert.Equal(["a.example:8080", "https://b.example"], services.Select(s => System.Text.Encoding.ASCII.GetString(s.Origin.Span)));
    }
}
