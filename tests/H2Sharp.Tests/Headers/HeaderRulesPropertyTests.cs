using System;
using CsCheck;
using H2Sharp.Headers;

namespace H2Sharp.Tests.Headers;

public class HeaderRulesPropertyTests
{
    private static readonly string[] Names =
        [":method", ":scheme", ":path", ":authority", ":protocol", ":status", ":x", "", "host", "cookie", "te",
         "content-length", "connection", "Upgrade", "accept", "X-A", " x ", "authorization", "proxy-authorization", "Cookie"];

    private static readonly string[] Values =
        ["GET", "CONNECT", "OPTIONS", "HEAD", "https", "http", "/", "*", "", "a", "100", "200", "101", "trailers",
         "a=b; c=d", "12", "-1", " v", "a\r\nb", "\0", "session=0123456789abcdef0123456789"];

    private static readonly Gen<HeaderField> Field =
        Gen.Select(Gen.Int[0, Names.Length - 1].Select(i => Names[i]), Gen.Int[0, Values.Length - 1].Select(i => Values[i]), Gen.Byte.Array[0, 4], Gen.Bool,
            (name, value, noise, useNoise) => useNoise ? new HeaderField(noise, noise) : Blocks.F(name, value));

    private static readonly Gen<(HeaderField[] Block, int Kind, bool Validate, bool Normalize, bool Split, bool Extended)> Input =
        Gen.Select(Field.Array[0, 8], Gen.Int[0, 3], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool);

    [Fact]
    public void Any_inbound_block_yields_null_or_a_sentence_and_never_throws()
    {
        Input.Sample(x =>
        {
            var options = new HeaderRuleOptions(x.Validate, x.Normalize, x.Split, x.Extended);
            string? sentence = InboundHeaderRules.Validate(x.Block, (HeaderBlockKind)x.Kind, options);
            IReadOnlyList<HeaderField> normalized = InboundHeaderRules.Normalize(x.Block, (HeaderBlockKind)x.Kind, options);
            return (sentence is null || sentence.Length > 0) && normalized.Count <= x.Block.Length
                && (x.Validate || sentence is null);
        });
    }

    [Fact]
    public void Any_outbound_block_is_accepted_valid_or_rejected_with_ArgumentException()
    {
        Input.Sample(x =>
        {
            var options = new HeaderRuleOptions(x.Validate, x.Normalize, x.Split, x.Extended);
            try
            {
                IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(x.Block, (HeaderBlockKind)x.Kind, options);
                // What is sent when validating must pass the inbound rules of a validating peer.
                return !x.Validate || HeaderBlockScanner.Scan(HeaderFieldSpans.AsSpan(prepared), (HeaderBlockKind)x.Kind, true, x.Extended, out _).IsValid;
            }
            catch (ArgumentException e) when (e.GetType() == typeof(ArgumentException))
            {
                return x.Validate && e.ParamName == "headers";
            }
        });
    }

    [Fact]
    public void Outbound_fast_path_matches_normalising_then_scanning()
    {
        Input.Sample(x =>
        {
            var kind = (HeaderBlockKind)x.Kind;
            var options = new HeaderRuleOptions(x.Validate, x.Normalize, x.Split, x.Extended);
            // The two-pass reference: normalise (when asked), then scan.
            IReadOnlyList<HeaderField> reference = x.Normalize ? OutboundHeaderNormalizer.Normalize(x.Block, x.Split) : x.Block;
            HeaderScanResult expected = HeaderBlockScanner.Scan(HeaderFieldSpans.AsSpan(reference), kind, x.Validate, x.Extended, out HeaderBlockFacts expectedFacts);
            try
            {
                IReadOnlyList<HeaderField> prepared = OutboundHeaderRules.Prepare(x.Block, kind, options, out HeaderBlockFacts facts);
                return expected.IsValid && prepared.SequenceEqual(reference)
                    && ReferenceEquals(prepared, x.Block) == ReferenceEquals(reference, x.Block)
                    && facts.Authority.Span.SequenceEqual(expectedFacts.Authority.Span) && facts.Method.Span.SequenceEqual(expectedFacts.Method.Span)
                    && facts.Status == expectedFacts.Status && facts.ContentLength == expectedFacts.ContentLength;
            }
            catch (ArgumentException e)
            {
                return !expected.IsValid && e.Message == HeaderRuleMessages.Describe(expected, HeaderFieldSpans.AsSpan(reference), kind) + " (Parameter 'headers')";
            }
        }, iter: 5_000);
    }
}
