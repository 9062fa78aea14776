using H2Sharp.Headers;
using static H2Sharp.Tests.Headers.Blocks;

namespace H2Sharp.Tests.Headers;

public class InboundHeaderRulesTests
{
    public static TheoryData<RuleCase, bool> Broken() => RuleCases.WithFlag(RuleCases.Violations.Concat(RuleCases.Normalizable));

    public static TheoryData<RuleCase, bool, bool> ValidBlocks() => RuleCases.ValidWithFlags();

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_rule_is_reported_when_validating(RuleCase c, bool normalize)
    {
        HeaderRuleOptions options = Options(validate: true, normalize: normalize, extendedConnect: c.ExtendedConnect);

        HeaderScanResult scan = HeaderBlockScanner.Scan(c.Block, c.BlockKind, true, c.ExtendedConnect, out _);
        string? sentence = InboundHeaderRules.Validate(c.Block, c.BlockKind, options);

        Assert.Equal(new HeaderScanResult(c.Expected, c.Index), scan);
        Assert.NotNull(sentence);
        Assert.Equal(HeaderRuleMessages.Describe(scan, c.Block, c.BlockKind), sentence);
        if (c.Index >= 0 && c.Block[c.Index].Name.Length > 0)
            Assert.Contains(HeaderRuleMessages.Quote(c.Block[c.Index].Name.Span), sentence, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void No_rule_is_checked_when_validation_is_off(RuleCase c, bool normalize)
    {
        HeaderRuleOptions options = Options(validate: false, normalize: normalize, extendedConnect: c.ExtendedConnect);

        Assert.Null(InboundHeaderRules.Validate(c.Block, c.BlockKind, options));
    }

    [Theory]
    [MemberData(nameof(ValidBlocks))]
    public void Valid_block_is_accepted(RuleCase c, bool validate, bool normalize)
    {
        HeaderRuleOptions options = Options(validate, normalize, extendedConnect: c.ExtendedConnect);

        Assert.Null(InboundHeaderRules.Validate(c.Block, c.BlockKind, options));
    }

    [Fact]
    public void Uppercase_name_sentence_names_the_field_and_rule()
    {
        string? sentence = InboundHeaderRules.Validate(Request("X-Foo", "1"), HeaderBlockKind.Request, Options());

        Assert.Equal("Header field name 'X-Foo' contains uppercase characters (RFC 9113 section 8.2: field names MUST be lowercase).", sentence);
    }

    [Fact]
    public void Te_sentence_names_te_not_its_value()
    {
        string? sentence = InboundHeaderRules.Validate(Request("te", "gzip"), HeaderBlockKind.Request, Options());

        Assert.Equal("Header field 'te' has a value other than \"trailers\" (RFC 9113 section 8.2.2).", sentence);
    }

    [Fact]
    public void Status_sentence_quotes_the_status()
    {
        string? sentence = InboundHeaderRules.Validate(Response("200"), HeaderBlockKind.Informational, Options());

        Assert.Equal("An informational response has the final ':status' '200' (RFC 9113 section 8.1: interim responses are 1xx).", sentence);
    }

    [Fact]
    public void Value_sentence_does_not_quote_the_value()
    {
        string? sentence = InboundHeaderRules.Validate(Request("cookie", "secret\r\n"), HeaderBlockKind.Request, Options());

        Assert.Equal("The value of header field 'cookie' contains NUL, CR or LF (RFC 9113 section 8.2.1).", sentence);
    }

    [Fact]
    public void Illegal_name_is_quoted_escaped_and_bounded()
    {
        string name = "a\n" + new string('b', 100);
        string? sentence = InboundHeaderRules.Validate(Request(name, "1"), HeaderBlockKind.Request, Options());

        Assert.Equal("Header field name 'a\\x0a" + new string('b', 62) + "...' contains a character not allowed in field names (RFC 9113 section 8.2.1: only lowercase token characters).", sentence);
    }

    [Fact]
    public void Cookie_crumbs_are_joined_when_normalizing()
    {
        HeaderField[] block = Request("cookie", "a=b", "accept", "*/*", "cookie", "c=d", "cookie", "e=f");

        IReadOnlyList<HeaderField> normalized = InboundHeaderRules.Normalize(block, HeaderBlockKind.Request, Options());

        Assert.Equal([.. Request("accept", "*/*"), F("cookie", "a=b; c=d; e=f", neverIndex: true)], normalized);
    }

    [Fact]
    public void Cookie_crumbs_are_joined_in_trailers_too()
    {
        IReadOnlyList<HeaderField> normalized = InboundHeaderRules.Normalize(
            new List<HeaderField>(Of("cookie", "a=b", "cookie", "")), HeaderBlockKind.Trailers, Options());

        Assert.Equal([F("cookie", "a=b; ", neverIndex: true)], normalized);
    }

    [Fact]
    public void Joined_cookie_is_never_indexed_whatever_the_crumbs_were()
    {
        HeaderField[] block = [F("cookie", "a=b"), F("cookie", "c=d")];

        IReadOnlyList<HeaderField> normalized = InboundHeaderRules.Normalize(block, HeaderBlockKind.Request, Options());

        Assert.Equal([F("cookie", "a=b; c=d", neverIndex: true)], normalized);
    }

    [Fact]
    public void Cookie_crumbs_are_kept_apart_when_not_normalizing()
    {
        HeaderField[] block = Request("cookie", "a=b", "cookie", "c=d");

        Assert.Same(block, InboundHeaderRules.Normalize(block, HeaderBlockKind.Request, Options(normalize: false)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Block_needing_no_normalization_is_returned_as_is(bool normalize)
    {
        HeaderField[] single = Request("cookie", "a=b", "accept", "*/*");

        Assert.Same(single, InboundHeaderRules.Normalize(single, HeaderBlockKind.Request, Options(normalize: normalize)));
    }

    [Fact]
    public void Inbound_normalization_does_not_lowercase_or_strip()
    {
        HeaderField[] block = Request("X-Foo", " a ", "connection", "close");

        Assert.Same(block, InboundHeaderRules.Normalize(block, HeaderBlockKind.Request, Options(validate: false)));
    }
}
