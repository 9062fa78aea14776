using System.Collections.ObjectModel;
using H2Sharp.Headers;
using static H2Sharp.Tests.Headers.Blocks;

namespace H2Sharp.Tests.Headers;

public class OutboundHeaderRulesTests
{
    public static TheoryData<RuleCase, bool> Broken() => RuleCases.WithFlag(RuleCases.Violations);

    public static TheoryData<RuleCase> Normalizable() => RuleCases.Data(RuleCases.Normalizable);

    public static TheoryData<RuleCase, bool> AllBroken() => RuleCases.WithFlag(RuleCases.Violations.Concat(RuleCases.Normalizable));

    public static TheoryData<RuleCase, bool, bool> ValidBlocks() => RuleCases.ValidWithFlags();

    [Theory]
    [MemberData(nameof(Broken))]
    public void Broken_rule_throws_when_validating(RuleCase c, bool normalize)
    {
        HeaderRuleOptions options = Options(validate: true, normalize: normalize, extendedConnect: c.ExtendedConnect);
        string expected = HeaderRuleMessages.Describe(new HeaderScanResult(c.Expected, c.Index), c.Block, c.BlockKind)!;

        ArgumentException error = Assert.Throws<ArgumentException>(() => OutboundHeaderRules.Prepare(c.Block, c.BlockKind, options));

        Assert.Equal("headers", error.ParamName);
        Assert.Equal(expected + " (Parameter 'headers')", error.Message);
    }

    [Theory]
    [MemberData(nameof(Normalizable))]
    public void Normalizable_rule_throws_when_validating_without_normalizing(RuleCase c)
    {
        HeaderRuleOptions options = Options(validate: true, normalize: false, extendedConnect: c.ExtendedConnect);
        string expected = HeaderRuleMessages.Describe(new HeaderScanResult(c.Expected, c.Index), c.Block, c.BlockKind)!;

        ArgumentException error = Assert.Throws<ArgumentException>(() => OutboundHeaderRules.Prepare(c.Block, c.BlockKind, options));

        Assert.Equal("headers", error.ParamName);
        Assert.Equal(expected + " (Parameter 'headers')", error.Message);
    }

    [Theory]
    [MemberData(nameof(Normalizable))]
    public void Normalizable_rule_is_repaired_when_normalizing(RuleCase c)
    {
        HeaderRuleOptions options = Options(validate: true, normalize: true, extendedConnect: c.ExtendedConnect);

        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(c.Block, c.BlockKind, options);

        Assert.NotSame(c.Block, prepared);
        Assert.True(HeaderBlockScanner.Scan(HeaderFieldSpans.AsSpan(prepared), c.BlockKind, true, c.ExtendedConnect, out _).IsValid);
    }

    [Theory]
    [MemberData(nameof(AllBroken))]
    public void No_rule_is_checked_when_validation_is_off(RuleCase c, bool normalize)
    {
        HeaderRuleOptions options = Options(validate: false, normalize: normalize, extendedConnect: c.ExtendedConnect);

        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(c.Block, c.BlockKind, options);

        if (!normalize) Assert.Same(c.Block, prepared);
    }

    [Theory]
    [MemberData(nameof(ValidBlocks))]
    public void Valid_block_is_sent(RuleCase c, bool validate, bool normalize)
    {
        HeaderRuleOptions options = Options(validate, normalize, splitCookies: false, extendedConnect: c.ExtendedConnect);
        HeaderField[] block = c.Block.Where(f => !f.Name.Span.SequenceEqual("cookie"u8)).ToArray();

        Assert.Same(block, OutboundHeaderRules.Prepare(block, c.BlockKind, options));
    }

    [Fact]
    public void Names_are_lowercased_when_normalizing()
    {
        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(
            Of(":Method", "GET", ":SCHEME", "https", ":path", "/", "X-Trace-ID", "Ab"), HeaderBlockKind.Request, Options());

        Assert.Equal(Of(":method", "GET", ":scheme", "https", ":path", "/", "x-trace-id", "Ab"), prepared);
    }

    [Fact]
    public void Uppercase_name_is_sent_as_is_when_neither_normalizing_nor_validating()
    {
        HeaderField[] block = Request("X-Foo", "1");

        Assert.Same(block, OutboundHeaderRules.Prepare(block, HeaderBlockKind.Request, Options(validate: false, normalize: false)));
    }

    [Fact]
    public void Connection_specific_fields_are_removed_when_normalizing()
    {
        HeaderField[] block = Response("200", "Connection", "close", "keep-alive", "5", "server", "x",
            "proxy-connection", "k", "Transfer-Encoding", "chunked", "upgrade", "h2c", "te", "trailers");

        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(block, HeaderBlockKind.Response, Options());

        Assert.Equal(Response("200", "server", "x", "te", "trailers"), prepared);
    }

    [Fact]
    public void Te_other_than_trailers_is_not_removed_but_rejected()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            OutboundHeaderRules.Prepare(Request("TE", "gzip"), HeaderBlockKind.Request, Options()));

        Assert.Equal("Header field 'te' has a value other than \"trailers\" (RFC 9113 section 8.2.2). (Parameter 'headers')", error.Message);
    }

    [Fact]
    public void Connection_specific_field_message_names_the_field()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            OutboundHeaderRules.Prepare(Request("upgrade", "h2c"), HeaderBlockKind.Request, Options(normalize: false)));

        Assert.Equal("Header field 'upgrade' is connection-specific and not allowed in HTTP/2 (RFC 9113 section 8.2.2). (Parameter 'headers')", error.Message);
    }

    [Fact]
    public void Cookie_is_split_into_crumbs_when_normalizing()
    {
        const string Long1 = "session=0123456789abcdef0123";
        const string Long2 = "preference=0123456789abcdef";
        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(
            Request("cookie", Long1 + "; " + Long2 + ";a=b;; ", "accept", "*/*"), HeaderBlockKind.Request, Options());

        Assert.Equal(
            [.. Request(), F("cookie", Long1), F("cookie", Long2), F("cookie", "a=b", neverIndex: true), F("accept", "*/*")],
            prepared);
    }

    [Fact]
    public void Cookie_is_not_split_when_splitting_is_off()
    {
        const string Value = "session=0123456789abcdef0123; a=b";
        HeaderField[] block = Request("cookie", Value);

        Assert.Same(block, OutboundHeaderRules.Prepare(block, HeaderBlockKind.Request, Options(splitCookies: false)));
    }

    [Fact]
    public void Cookie_is_not_split_when_not_normalizing()
    {
        HeaderField[] block = Request("cookie", "a=b; c=d");

        Assert.Same(block, OutboundHeaderRules.Prepare(block, HeaderBlockKind.Request, Options(normalize: false)));
    }

    [Fact]
    public void Cookie_of_only_separators_stays_one_empty_cookie()
    {
        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(Request("cookie", ";"), HeaderBlockKind.Request, Options());

        Assert.Equal([.. Request(), F("cookie", "", neverIndex: true)], prepared);
    }

    [Fact]
    public void Surrounding_whitespace_is_stripped_from_names_and_values_when_normalizing()
    {
        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(
            Request(" x-a\t", "\t 1 2 ", "x-b", "  "), HeaderBlockKind.Request, Options());

        Assert.Equal(Request("x-a", "1 2", "x-b", ""), prepared);
    }

    [Fact]
    public void Secrets_are_marked_never_indexed_when_normalizing()
    {
        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(
            Request("authorization", "Bearer x", "Proxy-Authorization", "Basic y", "cookie", "short=1",
                "cookie", "long=0123456789abcdefgh", "accept", "*/*"),
            HeaderBlockKind.Request, Options(splitCookies: false));

        Assert.Equal(
            [.. Request(), F("authorization", "Bearer x", true), F("proxy-authorization", "Basic y", true),
                F("cookie", "short=1", true), F("cookie", "long=0123456789abcdefgh"), F("accept", "*/*")],
            prepared);
    }

    [Theory]
    [InlineData("authorization", "Bearer x")]
    [InlineData("proxy-authorization", "Basic y")]
    [InlineData("cookie", "short=1")]
    public void Valid_block_with_a_secret_is_still_marked_never_indexed(string name, string value)
    {
        // Valid as it stands (lowercase, no whitespace): only the indexing flag changes.
        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(Request(name, value, "accept", "*/*"), HeaderBlockKind.Request, Options());

        Assert.Equal([.. Request(), F(name, value, true), F("accept", "*/*")], prepared);
    }

    [Fact]
    public void Valid_block_with_a_cookie_list_is_still_split()
    {
        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(
            Request("cookie", "a=0123456789abcdefghij; b=1"), HeaderBlockKind.Request, Options(splitCookies: true));

        Assert.Equal([.. Request(), F("cookie", "a=0123456789abcdefghij"), F("cookie", "b=1", true)], prepared);
    }

    [Fact]
    public void Valid_block_with_nothing_to_change_comes_back_as_is()
    {
        HeaderField[] block = Request("authorization", "Bearer x", "cookie", "long=0123456789abcdefgh", "accept", "*/*");
        block[4] = F("authorization", "Bearer x", true);

        Assert.Same(block, OutboundHeaderRules.Prepare(block, HeaderBlockKind.Request, Options(splitCookies: true)));
    }

    [Fact]
    public void Secrets_are_left_indexable_when_not_normalizing()
    {
        HeaderField[] block = Request("authorization", "Bearer x");

        Assert.Same(block, OutboundHeaderRules.Prepare(block, HeaderBlockKind.Request, Options(normalize: false)));
    }

    [Fact]
    public void Any_list_type_is_accepted()
    {
        var block = new ReadOnlyCollection<HeaderField>(Request("X-A", "1"));

        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(block, HeaderBlockKind.Request, Options());

        Assert.Equal(Request("x-a", "1"), prepared);
    }

    [Fact]
    public void Normalization_keeps_fields_before_the_first_change_in_order()
    {
        var block = new List<HeaderField>(Request("a", "1", "B", "2", "c", "3"));

        IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(block, HeaderBlockKind.Request, Options());

        Assert.Equal(Request("a", "1", "b", "2", "c", "3"), prepared);
    }

    [Fact]
    public void Null_list_throws_argument_null()
    {
        Assert.Throws<ArgumentNullException>(() => OutboundHeaderRules.Prepare(null!, HeaderBlockKind.Request, Options()));
    }
}
