using H2Sharp.Headers;
using static H2Sharp.Tests.Headers.Blocks;

namespace H2Sharp.Tests.Headers;

/// <summary>One block that breaks (or keeps) exactly one rule, shared by the inbound and outbound tests.</summary>
public sealed record RuleCase(string Rule, int Kind, HeaderField[] Block, int Violation, int Index, bool ExtendedConnect = false)
{
    internal HeaderBlockKind BlockKind => (HeaderBlockKind)Kind;
    internal HeaderViolation Expected => (HeaderViolation)Violation;
    public override string ToString() => Rule;
}

internal static class RuleCases
{
    private static RuleCase Bad(string rule, HeaderBlockKind kind, HeaderField[] block, HeaderViolation violation, int index, bool extendedConnect = false) =>
        new(rule, (int)kind, block, (int)violation, index, extendedConnect);

    private static RuleCase Good(string rule, HeaderBlockKind kind, HeaderField[] block, bool extendedConnect = false) =>
        new(rule, (int)kind, block, (int)HeaderViolation.None, -1, extendedConnect);

    private const HeaderBlockKind Req = HeaderBlockKind.Request;
    private const HeaderBlockKind Resp = HeaderBlockKind.Response;
    private const HeaderBlockKind Info = HeaderBlockKind.Informational;
    private const HeaderBlockKind Trail = HeaderBlockKind.Trailers;

    /// <summary>Blocks that break a rule normalisation does not repair.</summary>
    public static readonly RuleCase[] Violations =
    [
        Bad("empty name", Req, Request("", "x"), HeaderViolation.EmptyName, 4),
        Bad("empty name in trailers", Trail, Of("", "x"), HeaderViolation.EmptyName, 0),
        Bad("name with space", Req, Request("fo o", "x"), HeaderViolation.IllegalNameCharacter, 4),
        Bad("name with colon inside", Req, Request("foo:bar", "x"), HeaderViolation.IllegalNameCharacter, 4),
        Bad("name with NUL", Req, Request("foo\0", "x"), HeaderViolation.IllegalNameCharacter, 4),
        Bad("name with DEL", Req, Request("foo\x7f", "x"), HeaderViolation.IllegalNameCharacter, 4),
        Bad("name with 0xff", Req, Request("foo\xff", "x"), HeaderViolation.IllegalNameCharacter, 4),
        Bad("name with separator", Req, Request("foo(bar)", "x"), HeaderViolation.IllegalNameCharacter, 4),
        Bad("value with NUL", Req, Request("x", "a\0b"), HeaderViolation.IllegalValueCharacter, 4),
        Bad("value with CR", Resp, Response("200", "x", "a\rb"), HeaderViolation.IllegalValueCharacter, 1),
        Bad("value with LF", Trail, Of("x", "a\nb"), HeaderViolation.IllegalValueCharacter, 0),
        Bad("pseudo value with LF", Req, Of(":method", "GET", ":scheme", "https", ":path", "/\nx"), HeaderViolation.IllegalValueCharacter, 2),
        Bad("undefined pseudo-header", Req, Of(":method", "GET", ":foo", "x", ":scheme", "https", ":path", "/"), HeaderViolation.UndefinedPseudoHeader, 1),
        Bad("pseudo-header after regular field", Req, Of(":method", "GET", ":scheme", "https", "accept", "*/*", ":path", "/"), HeaderViolation.PseudoHeaderAfterRegularField, 3),
        Bad("status after regular field", Resp, Of("server", "x", ":status", "200"), HeaderViolation.PseudoHeaderAfterRegularField, 1),
        Bad("repeated :path", Req, Request(":path", "/b"), HeaderViolation.RepeatedPseudoHeader, 4),
        Bad("repeated :status", Resp, Of(":status", "200", ":status", "200"), HeaderViolation.RepeatedPseudoHeader, 1),
        Bad("pseudo-header in trailers", Trail, Of(":status", "200", "x", "y"), HeaderViolation.PseudoHeaderInTrailers, 0),
        Bad("request pseudo-header in trailers", Trail, Of(":path", "/"), HeaderViolation.PseudoHeaderInTrailers, 0),
        Bad(":status in request", Req, Of(":method", "GET", ":scheme", "https", ":path", "/", ":status", "200"), HeaderViolation.ResponsePseudoHeaderInRequest, 3),
        Bad(":path in response", Resp, Of(":status", "200", ":path", "/"), HeaderViolation.RequestPseudoHeaderInResponse, 1),
        Bad(":method in informational response", Info, Of(":method", "GET", ":status", "100"), HeaderViolation.RequestPseudoHeaderInResponse, 0),
        Bad(":protocol in response", Resp, Of(":status", "200", ":protocol", "websocket"), HeaderViolation.RequestPseudoHeaderInResponse, 1, extendedConnect: true),
        Bad(":protocol without extended CONNECT enabled", Req, Of(":method", "CONNECT", ":protocol", "websocket", ":scheme", "https", ":path", "/chat", ":authority", "a"), HeaderViolation.ProtocolNotEnabled, 1),
        Bad(":protocol on GET", Req, Of(":method", "GET", ":protocol", "websocket", ":scheme", "https", ":path", "/chat"), HeaderViolation.ProtocolWithoutConnect, 1, extendedConnect: true),
        Bad("missing :method", Req, Of(":scheme", "https", ":path", "/"), HeaderViolation.MissingMethod, -1),
        Bad("missing :scheme", Req, Of(":method", "GET", ":path", "/"), HeaderViolation.MissingScheme, -1),
        Bad("missing :path", Req, Of(":method", "GET", ":scheme", "https"), HeaderViolation.MissingPath, -1),
        Bad("empty request", Req, Of(), HeaderViolation.MissingMethod, -1),
        Bad("extended CONNECT missing :scheme", Req, Of(":method", "CONNECT", ":protocol", "websocket", ":path", "/chat", ":authority", "a"), HeaderViolation.MissingScheme, -1, extendedConnect: true),
        Bad("extended CONNECT missing :path", Req, Of(":method", "CONNECT", ":protocol", "websocket", ":scheme", "https", ":authority", "a"), HeaderViolation.MissingPath, -1, extendedConnect: true),
        Bad("empty :path", Req, Of(":method", "GET", ":scheme", "https", ":path", ""), HeaderViolation.EmptyPath, 2),
        Bad("empty :path with other scheme", Req, Of(":method", "GET", ":scheme", "foo", ":path", ""), HeaderViolation.EmptyPath, 2),
        Bad("relative :path on https", Req, Of(":method", "GET", ":scheme", "https", ":path", "index.html"), HeaderViolation.InvalidPath, 2),
        Bad("asterisk :path on GET", Req, Of(":method", "GET", ":scheme", "http", ":path", "*"), HeaderViolation.InvalidPath, 2),
        Bad("asterisk-prefixed :path on OPTIONS", Req, Of(":method", "OPTIONS", ":scheme", "http", ":path", "*x"), HeaderViolation.InvalidPath, 2),
        Bad("CONNECT with :scheme", Req, Of(":method", "CONNECT", ":scheme", "https", ":authority", "a:443"), HeaderViolation.ConnectWithSchemeOrPath, 1),
        Bad("CONNECT with :path", Req, Of(":method", "CONNECT", ":authority", "a:443", ":path", "/"), HeaderViolation.ConnectWithSchemeOrPath, 2),
        Bad("CONNECT without :authority", Req, Of(":method", "CONNECT"), HeaderViolation.ConnectWithoutAuthority, -1),
        Bad(":authority and host differ", Req, Request("host", "other.example"), HeaderViolation.AuthorityHostMismatch, 4),
        Bad("response without :status", Resp, Of("server", "x"), HeaderViolation.MissingStatus, -1),
        Bad("informational without :status", Info, Of(), HeaderViolation.MissingStatus, -1),
        Bad(":status of two digits", Resp, Response("20"), HeaderViolation.InvalidStatus, 0),
        Bad(":status of four digits", Resp, Response("2000"), HeaderViolation.InvalidStatus, 0),
        Bad(":status not digits", Resp, Response("abc"), HeaderViolation.InvalidStatus, 0),
        Bad(":status with sign", Resp, Response("+20"), HeaderViolation.InvalidStatus, 0),
        Bad(":status below 100", Resp, Response("099"), HeaderViolation.InvalidStatus, 0),
        Bad(":status above 599", Resp, Response("600"), HeaderViolation.InvalidStatus, 0),
        Bad("informational with final :status", Info, Response("200"), HeaderViolation.InformationalStatusNot1xx, 0),
        Bad("final response with 1xx :status", Resp, Response("103"), HeaderViolation.FinalStatusIs1xx, 0),
        Bad(":status 101", Info, Response("101"), HeaderViolation.SwitchingProtocolsStatus, 0),
        Bad("te not trailers", Req, Request("te", "gzip"), HeaderViolation.TeNotTrailers, 4),
        Bad("te with trailers and more", Req, Request("te", "trailers, gzip"), HeaderViolation.TeNotTrailers, 4),
        Bad("content-length not digits", Req, Request("content-length", "abc"), HeaderViolation.InvalidContentLength, 4),
        Bad("content-length negative", Resp, Response("200", "content-length", "-1"), HeaderViolation.InvalidContentLength, 1),
        Bad("content-length list", Resp, Response("200", "content-length", "42, 42"), HeaderViolation.InvalidContentLength, 1),
        Bad("content-length empty", Resp, Response("200", "content-length", ""), HeaderViolation.InvalidContentLength, 1),
        Bad("content-length overflow", Resp, Response("200", "content-length", "9223372036854775808"), HeaderViolation.InvalidContentLength, 1),
        Bad("content-length duplicates disagree", Req, Request("content-length", "1", "content-length", "2"), HeaderViolation.ConflictingContentLength, 5),
    ];

    /// <summary>Blocks that break a rule outbound normalisation repairs (so they only fail with normalisation off).</summary>
    public static readonly RuleCase[] Normalizable =
    [
        Bad("uppercase name", Req, Request("Accept", "*/*"), HeaderViolation.UppercaseName, 4),
        Bad("mixed-case name in trailers", Trail, Of("x-Trace", "1"), HeaderViolation.UppercaseName, 0),
        Bad("value with leading space", Req, Request("x", " a"), HeaderViolation.SurroundingWhitespace, 4),
        Bad("value with trailing tab", Resp, Response("200", "x", "a\t"), HeaderViolation.SurroundingWhitespace, 1),
        Bad("connection field", Req, Request("connection", "close"), HeaderViolation.ConnectionSpecificField, 4),
        Bad("keep-alive field", Resp, Response("200", "keep-alive", "timeout=5"), HeaderViolation.ConnectionSpecificField, 1),
        Bad("proxy-connection field", Req, Request("proxy-connection", "keep-alive"), HeaderViolation.ConnectionSpecificField, 4),
        Bad("transfer-encoding field", Resp, Response("200", "transfer-encoding", "chunked"), HeaderViolation.ConnectionSpecificField, 1),
        Bad("upgrade field", Req, Request("upgrade", "h2c"), HeaderViolation.ConnectionSpecificField, 4),
        Bad("uppercase pseudo-header is undefined", Req, Of(":Method", "GET", ":scheme", "https", ":path", "/"), HeaderViolation.UndefinedPseudoHeader, 0),
        Bad("connection field in trailers", Trail, Of("connection", "close"), HeaderViolation.ConnectionSpecificField, 0),
    ];

    /// <summary>Blocks that keep every rule.</summary>
    public static readonly RuleCase[] Valid =
    [
        Good("GET request", Req, Request()),
        Good("request without :authority", Req, Of(":method", "GET", ":scheme", "https", ":path", "/")),
        Good("request with host only", Req, Of(":method", "GET", ":scheme", "https", ":path", "/", "host", "example.com")),
        Good("host equal to :authority ignoring case", Req, Request("host", "EXAMPLE.com")),
        Good("OPTIONS asterisk", Req, Of(":method", "OPTIONS", ":scheme", "https", ":authority", "a", ":path", "*")),
        Good("relative :path on another scheme", Req, Of(":method", "GET", ":scheme", "foo", ":path", "bar")),
        Good("CONNECT", Req, Of(":method", "CONNECT", ":authority", "example.com:443")),
        Good("extended CONNECT", Req, Of(":method", "CONNECT", ":protocol", "websocket", ":scheme", "https", ":path", "/chat", ":authority", "a"), extendedConnect: true),
        Good("te trailers", Req, Request("te", "trailers")),
        Good("te trailers any case", Req, Request("te", "Trailers")),
        Good("token characters in names", Req, Request("x-!#$%&'*+-.^_`|~09az", "v")),
        Good("obs-text and inner space in value", Req, Request("x", "a b\t\xff")),
        Good("empty value", Req, Request("x", "")),
        Good("content-length", Req, Request("content-length", "0")),
        Good("content-length duplicates agree", Req, Request("content-length", "42", "content-length", "42")),
        Good("200 response", Resp, Response("200", "content-type", "text/plain")),
        Good("599 response", Resp, Response("599")),
        Good("100 informational", Info, Response("100")),
        Good("103 informational", Info, Response("103", "link", "</a>; rel=preload")),
        Good("trailers", Trail, Of("grpc-status", "0")),
        Good("empty trailers", Trail, Of()),
        Good("several cookies", Req, Request("cookie", "a=b", "cookie", "c=d")),
    ];

    public static TheoryData<RuleCase> Data(RuleCase[] cases)
    {
        var data = new TheoryData<RuleCase>();
        foreach (RuleCase c in cases) data.Add(c);
        return data;
    }

    /// <summary>Each case once per value of one flag (the test's normalize or validate switch).</summary>
    public static TheoryData<RuleCase, bool> WithFlag(IEnumerable<RuleCase> cases)
    {
        var data = new TheoryData<RuleCase, bool>();
        foreach (RuleCase c in cases)
        {
            data.Add(c, true);
            data.Add(c, false);
        }
        return data;
    }

    /// <summary>Each valid case with every validate and normalize combination.</summary>
    public static TheoryData<RuleCase, bool, bool> ValidWithFlags()
    {
        var data = new TheoryData<RuleCase, bool, bool>();
        foreach (RuleCase c in Valid)
        {
            foreach (bool validate in new[] { true, false })
            {
                data.Add(c, validate, true);
                data.Add(c, validate, false);
            }
        }
        return data;
    }
}
