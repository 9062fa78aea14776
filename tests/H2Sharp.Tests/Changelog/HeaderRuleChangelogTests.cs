using H2Sharp.Events;
using H2Sharp.Tests.Support;
using static H2Sharp.Tests.Support.FrameFactory;

namespace H2Sharp.Tests.Changelog;

/// <summary>
/// h2 changelog Bugfix lines about header blocks (RFC 9113 8.2, 8.3), each checked at
/// connection level in the direction(s) the line names. See docs/h2-changelog-rules.md.
/// </summary>
public sealed class HeaderRuleChangelogTests
{
    // h2 4.1.0. RFC 9113 8.2: field names are tokens (RFC 9110 5.1: at least one character).
    [Fact]
    public void Empty_header_names_are_rejected_both_ways()
    {
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", ("", "x")));
        HeaderChecks.ClientRejectsResponse(Response("200", ("", "x")));
        HeaderChecks.ClientRefusesRequest(Request("GET", "/", ("", "x")));
        HeaderChecks.ServerRefusesResponse(Response("200", ("", "x")));
    }

    // h2 4.1.0 ("Fix TE header name in error message").
    [Fact]
    public void Te_error_message_names_the_te_field()
    {
        var ex = HeaderChecks.ClientRefusesRequest(Request("GET", "/", ("te", "gzip")));
        Assert.Equal("Header field 'te' has a value other than \"trailers\" (RFC 9113 section 8.2.2). (Parameter 'headers')", ex.Message);
        Assert.DoesNotContain("gzip", ex.Message, StringComparison.Ordinal);
    }

    // h2 3.0.1 / 2.6.2. RFC 9113 8.3.1: ":method, :scheme, and :path ... MUST be included unless this is a CONNECT request".
    [Theory]
    [InlineData(":method")]
    [InlineData(":scheme")]
    [InlineData(":path")]
    public void Requests_missing_a_mandatory_pseudo_header_are_rejected_both_ways(string missing)
    {
        var request = Request().Where(f => f.NameString != missing).ToArray();
        HeaderChecks.ServerRejectsRequest(request);
        HeaderChecks.ClientRefusesRequest(request);
    }

    // h2 3.0.1 / 2.6.2. RFC 9113 8.3.1: "This pseudo-header field MUST NOT be empty for "http" or "https" URIs".
    [Fact]
    public void Requests_with_an_empty_path_are_rejected_both_ways()
    {
        HeaderChecks.ServerRejectsRequest(Request("GET", ""));
        HeaderChecks.ClientRefusesRequest(Request("GET", ""));
    }

    // h2 3.0.1 / 2.6.2. RFC 9113 8.3: "Pseudo-header fields defined for requests MUST NOT appear in responses; ... for responses MUST NOT appear in requests."
    [Fact]
    public void Response_pseudo_headers_in_requests_and_request_pseudo_headers_in_responses_are_rejected_both_ways()
    {
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", (":status", "200")));
        HeaderChecks.ClientRefusesRequest(Request("GET", "/", (":status", "200")));
        HeaderChecks.ClientRejectsResponse(Fields((":status", "200"), (":path", "/")));
        HeaderChecks.ServerRefusesResponse(Fields((":status", "200"), (":method", "GET")));
    }

    // h2 2.5.0. RFC 9113 8.3.1: "A server SHOULD treat a request as malformed if it contains a Host header
    // field that identifies an entity that differs from the entity in the ":authority" pseudo-header field."
    [Fact]
    public void Requests_with_authority_and_host_that_differ_are_rejected_both_ways()
    {
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", ("host", "other.example")));
        HeaderChecks.ClientRefusesRequest(Request("GET", "/", ("host", "other.example")));
    }

    // h2 2.5.0 rejects a request with neither :authority nor host; RFC 9113 8.3.1 allows it (":authority ...
    // unless there is no authority information to convey"), and RFC 9113 wins: accepted both ways.
    [Fact]
    public void Requests_with_neither_authority_nor_host_are_accepted_per_rfc_9113()
    {
        var request = Fields((":method", "GET"), (":scheme", "https"), (":path", "/"));
        var received = HeaderChecks.ServerAcceptsRequest(request);
        Assert.Equal(request, received.Headers);
        Assert.Equal(request, HeaderChecks.ClientSends(request));
    }

    // h2 2.5.0. RFC 9113 8.2.1: "A field value MUST NOT start or end with an ASCII whitespace character";
    // a name with whitespace is not a token.
    [Theory]
    [InlineData("x", " a")]
    [InlineData("x", "a\t")]
    [InlineData(" x", "a")]
    [InlineData("x ", "a")]
    public void Fields_with_leading_or_trailing_whitespace_are_rejected_inbound(string name, string value)
    {
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", (name, value)));
    }

    // h2 2.5.0 (normalize_outbound_headers): surrounding whitespace is stripped from names and values.
    [Fact]
    public void Leading_and_trailing_whitespace_is_stripped_outbound()
    {
        var sent = HeaderChecks.ClientSends(Request("GET", "/", (" x-a ", " one two\t")));
        Assert.Equal(Request("GET", "/", ("x-a", "one two")), sent);
    }

    // h2 2.5.0. RFC 9113 8.2.2: "The only exception to this is the TE header field, which MAY be present
    // in an HTTP/2 request; when it is, it MUST NOT contain any value other than "trailers"."
    [Fact]
    public void Te_other_than_trailers_is_refused_outbound_and_rejected_inbound()
    {
        HeaderChecks.ClientRefusesRequest(Request("GET", "/", ("te", "gzip")));
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", ("te", "gzip")));
        Assert.Equal(Request("GET", "/", ("te", "trailers")), HeaderChecks.ClientSends(Request("GET", "/", ("te", "trailers"))));
    }

    // h2 2.5.0 refuses to send connection-specific fields; h2 2.6.0 removes them when normalizing.
    // RFC 9113 8.2.2: "An endpoint MUST NOT generate an HTTP/2 message containing connection-specific header fields."
    [Theory]
    [InlineData("connection", "close")]
    [InlineData("keep-alive", "timeout=5")]
    [InlineData("proxy-connection", "keep-alive")]
    [InlineData("transfer-encoding", "chunked")]
    [InlineData("upgrade", "h2c")]
    public void Connection_specific_fields_are_removed_outbound_when_normalizing_and_refused_otherwise(string name, string value)
    {
        Assert.Equal(Request(), HeaderChecks.ClientSends(Request("GET", "/", (name, value))));
        HeaderChecks.ClientRefusesRequest(Request("GET", "/", (name, value)), new H2Configuration { NormalizeOutboundHeaders = false });
    }

    // h2 2.2.0: all connection-specific fields of RFC 7540 8.1.2.2 are rejected, not only Connection.
    // RFC 9113 8.2.2: "Any message containing connection-specific header fields MUST be treated as malformed."
    [Theory]
    [InlineData("connection", "close")]
    [InlineData("keep-alive", "timeout=5")]
    [InlineData("proxy-connection", "keep-alive")]
    [InlineData("transfer-encoding", "chunked")]
    [InlineData("upgrade", "h2c")]
    public void All_connection_specific_fields_are_rejected_inbound(string name, string value)
    {
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", (name, value)));
        HeaderChecks.ClientRejectsResponse(Response("200", (name, value)));
    }

    // h2 2.5.0. RFC 9113 8.3: "The same pseudo-header field name MUST NOT appear more than once";
    // "All pseudo-header fields MUST appear in a field block before all regular field lines."
    [Fact]
    public void Repeated_or_late_pseudo_headers_are_refused_outbound_and_rejected_inbound()
    {
        var repeated = Request("GET", "/", (":path", "/b"));
        var late = Fields((":method", "GET"), (":scheme", "https"), ("accept", "*/*"), (":path", "/"));
        HeaderChecks.ClientRefusesRequest(repeated);
        HeaderChecks.ClientRefusesRequest(late);
        HeaderChecks.ServerRejectsRequest(repeated);
        HeaderChecks.ServerRejectsRequest(late);
        HeaderChecks.ServerRefusesResponse(Fields(("server", "x"), (":status", "200")));
    }

    // h2 2.5.0. RFC 9113 8.3.2: "For HTTP/2 responses, a single ":status" pseudo-header field is defined
    // ... and it MUST be included in all responses."
    [Fact]
    public void Responses_without_status_are_rejected_both_ways()
    {
        HeaderChecks.ClientRejectsResponse(Fields(("server", "x")));
        HeaderChecks.ServerRefusesResponse(Fields(("server", "x")));
    }

    // h2 2.2.4 / 2.1.5. RFC 9113 8.3: "Endpoints MUST NOT generate pseudo-header fields other than those
    // defined in this document"; "Endpoints MUST treat a request or response that contains undefined or
    // invalid pseudo-header fields as malformed."
    [Fact]
    public void Pseudo_headers_not_defined_by_the_rfc_are_forbidden_both_ways()
    {
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", (":foo", "x")));
        HeaderChecks.ClientRejectsResponse(Fields((":status", "200"), (":foo", "x")));
        HeaderChecks.ClientRefusesRequest(Fields((":method", "GET"), (":foo", "x"), (":scheme", "https"), (":path", "/")));
        HeaderChecks.ServerRefusesResponse(Fields((":status", "200"), (":foo", "x")));
    }

    // h2 1.1.1 lowercases names outbound. RFC 9113 8.2.1: "A field name MUST NOT contain characters in the
    // ranges 0x41 to 0x5a (A to Z)"; inbound uppercase names make the message malformed.
    [Fact]
    public void Header_names_are_lowercased_outbound_and_uppercase_names_rejected_inbound()
    {
        Assert.Equal(Request("GET", "/", ("x-trace", "A")), HeaderChecks.ClientSends(Request("GET", "/", ("X-Trace", "A"))));
        HeaderChecks.ServerRejectsRequest(Request("GET", "/", ("X-Trace", "A")));
    }

    // h2 2.3.0: authorization, proxy-authorization and short cookies never enter an HPACK table
    // (RFC 7541 7.1.3: "never-indexed literal" for values that put secrets at risk).
    [Fact]
    public void Authorization_proxy_authorization_and_short_cookies_are_never_indexed()
    {
        var sent = HeaderChecks.ClientSends(Request("GET", "/",
            ("authorization", "Basic dXNlcjpwYXNz"), ("proxy-authorization", "Basic cHJveHk="),
            ("cookie", "a=1"), ("cookie", "session=" + new string('x', 40)), ("accept", "*/*")));
        Assert.Equal(
            ["authorization:True", "proxy-authorization:True", "cookie:True", "cookie:False", "accept:False"],
            sent.Skip(4).Select(f => $"{f.NameString}:{f.NeverIndex}"));
    }

    // h2 3.0.0 (API change): received cookie crumbs are joined with "; " by default (RFC 9113 8.2.3);
    // normalize_inbound_headers = False keeps them apart.
    [Fact]
    public void Received_cookie_crumbs_are_joined_by_default_and_kept_apart_without_inbound_normalization()
    {
        var request = Request("GET", "/", ("cookie", "a=b"), ("accept", "*/*"), ("cookie", "c=d"));
        var joined = HeaderChecks.ServerAcceptsRequest(request);
        Assert.Equal(Request("GET", "/", ("accept", "*/*"), ("cookie", "a=b; c=d")).Select(f => f.ToString()), joined.Headers.Select(f => f.ToString()));

        var apart = HeaderChecks.ServerAcceptsRequest(request, new H2Configuration { ClientSide = false, NormalizeInboundHeaders = false });
        Assert.Equal(request, apart.Headers);
    }
}
