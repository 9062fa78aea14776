using H2Sharp.Headers;
using static H2Sharp.Tests.Headers.Blocks;

namespace H2Sharp.Tests.Headers;

public class HeaderBlockFactsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Request_facts_are_gathered_with_or_without_validation(bool validate)
    {
        HeaderField[] block = Of(":method", "HEAD", ":scheme", "https", ":authority", "example.com", ":path", "/x", "content-length", "12");

        Assert.Null(InboundHeaderRules.Validate(block, HeaderBlockKind.Request, Options(validate), out HeaderBlockFacts facts));

        Assert.True(facts.IsHead);
        Assert.False(facts.IsConnect);
        Assert.Equal("https"u8.ToArray(), facts.Scheme.ToArray());
        Assert.Equal("/x"u8.ToArray(), facts.Path.ToArray());
        Assert.Equal("example.com"u8.ToArray(), facts.Authority.ToArray());
        Assert.Equal(12, facts.ContentLength);
        Assert.False(facts.ContentLengthInvalid);
        Assert.Equal(0, facts.Status);
    }

    [Fact]
    public void Authority_falls_back_to_host()
    {
        InboundHeaderRules.Validate(Of(":method", "GET", ":scheme", "http", ":path", "/", "host", "h:8080"), HeaderBlockKind.Request, Options(), out HeaderBlockFacts facts);

        Assert.Equal("h:8080"u8.ToArray(), facts.Authority.ToArray());
        Assert.Equal(-1, facts.ContentLength);
    }

    [Fact]
    public void Extended_connect_facts()
    {
        HeaderField[] block = Of(":method", "CONNECT", ":protocol", "websocket", ":scheme", "https", ":path", "/chat", ":authority", "a");

        Assert.Null(InboundHeaderRules.Validate(block, HeaderBlockKind.Request, Options(extendedConnect: true), out HeaderBlockFacts facts));

        Assert.True(facts.IsConnect);
        Assert.True(facts.HasProtocol);
        Assert.Equal("websocket"u8.ToArray(), facts.Protocol.ToArray());
    }

    [Theory]
    [InlineData("100", 100, true)]
    [InlineData("204", 204, false)]
    [InlineData("599", 599, false)]
    [InlineData("20", 0, false)]
    [InlineData("2x0", 0, false)]
    public void Status_fact_is_three_digits_or_zero(string status, int expected, bool informational)
    {
        InboundHeaderRules.Validate(Response(status), HeaderBlockKind.Response, Options(validate: false), out HeaderBlockFacts facts);

        Assert.Equal(expected, facts.Status);
        Assert.Equal(informational, facts.IsInformational);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("007", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Content_length_is_parsed_strictly(string value, long expected)
    {
        InboundHeaderRules.Validate(Response("200", "content-length", value), HeaderBlockKind.Response, Options(), out HeaderBlockFacts facts);

        Assert.Equal(expected, facts.ContentLength);
        Assert.False(facts.ContentLengthInvalid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("1,1")]
    [InlineData("0x10")]
    [InlineData("9223372036854775808")]
    [InlineData("99999999999999999999")]
    public void Malformed_content_length_is_flagged_even_without_validation(string value)
    {
        Assert.Null(InboundHeaderRules.Validate(Response("200", "content-length", value), HeaderBlockKind.Response, Options(validate: false), out HeaderBlockFacts facts));

        Assert.True(facts.ContentLengthInvalid);
        Assert.Equal(-1, facts.ContentLength);
    }

    [Fact]
    public void Disagreeing_content_lengths_are_flagged_even_without_validation()
    {
        HeaderField[] block = Response("200", "content-length", "5", "content-length", "6", "content-length", "5");

        Assert.Null(InboundHeaderRules.Validate(block, HeaderBlockKind.Response, Options(validate: false), out HeaderBlockFacts facts));

        Assert.True(facts.ContentLengthInvalid);
        Assert.Equal(-1, facts.ContentLength);
    }

    [Fact]
    public void Outbound_facts_describe_the_normalized_block()
    {
        OutboundHeaderRules.Prepare(Of(":method", "GET", ":scheme", "https", ":authority", "a.example", ":path", "/", "Content-Length", "3"),
            HeaderBlockKind.Request, Options(), out HeaderBlockFacts facts);

        Assert.Equal("a.example"u8.ToArray(), facts.Authority.ToArray());
        Assert.Equal(3, facts.ContentLength);
        Assert.False(facts.IsHead);
    }

    [Theory]
    [InlineData("100", true)]
    [InlineData("199", true)]
    [InlineData("200", false)]
    [InlineData("1", false)]
    [InlineData("1x0", false)]
    public void Response_kind_follows_the_status(string status, bool informational)
    {
        HeaderBlockKind expected = informational ? HeaderBlockKind.Informational : HeaderBlockKind.Response;
        Assert.Equal(expected, HeaderBlockClassifier.ResponseKindOf(Response(status, "server", "x")));
    }

    [Fact]
    public void Response_kind_without_status_is_final_and_stops_at_regular_fields()
    {
        Assert.Equal(HeaderBlockKind.Response, HeaderBlockClassifier.ResponseKindOf(Of("server", "x", ":status", "100")));
        Assert.Equal(HeaderBlockKind.Response, HeaderBlockClassifier.ResponseKindOf(Of()));
        Assert.Equal(HeaderBlockKind.Informational, HeaderBlockClassifier.ResponseKindOf(Of(":STATUS", "103")));
    }
}
