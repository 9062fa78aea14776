using System;
using System.Buffers;
using System.Collections.Generic;
using H2Sharp.Fuzz.Support;
using H2Sharp.Hpack;

namespace H2Sharp.Fuzz.Targets;

/// <summary>
/// Target "hpack-roundtrip": decodes blocks as <see cref="HpackTarget"/> does (default limits);
/// each block that decodes is re-encoded with one <see cref="HpackEncoder"/> and decoded by a
/// second decoder, which must give back the same fields (names, values, never-indexed flags).
/// Flags: bit 3 turns Huffman off, bit 4 turns indexing off in the encoder.
/// </summary>
public static class HpackRoundTripTarget
{
    /// <summary>Runs the target on one input.</summary>
    /// <param name="input">Flags, cuts and header block data (see <see cref="FragmentScript"/>).</param>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var script = new FragmentScript(input);
        var decoder = new HpackDecoder();
        var encoder = new HpackEncoder
        {
            UseHuffman = (script.Flags & 8) == 0,
            UseIndexing = (script.Flags & 16) == 0,
        };
        var redecoder = new HpackDecoder();
        var fields = new FieldCollector();
        var again = new FieldCollector();
        var output = new ArrayBufferWriter<byte>();
        bool blockOk = true;
        while (script.Next(out ReadOnlySpan<byte> fragment, out bool endHeaders))
        {
            try
            {
                decoder.Decode(fragment, endHeaders, fields);
            }
            catch (HeaderListTooLargeException)
            {
                blockOk = false;
            }
            catch (HpackDecodingException)
            {
                return;
            }

            if (!endHeaders)
            {
                continue;
            }

            if (blockOk)
            {
                output.ResetWrittenCount();
                encoder.Encode(fields.Fields.ToArray(), output);
                redecoder.Decode(output.WrittenSpan, endHeaders: true, again);
                Compare(fields.Fields, again.Fields);
            }

            fields.Clear();
            again.Clear();
            blockOk = true;
        }
    }

    private static void Compare(List<HeaderField> expected, List<HeaderField> actual)
    {
        FuzzInvariantException.Check(expected.Count == actual.Count,
            $"{expected.Count} fields re-encoded decode to {actual.Count}.");
        for (int i = 0; i < expected.Count; i++)
        {
            HeaderField e = expected[i];
            HeaderField a = actual[i];
            FuzzInvariantException.Check(
                e.Name.Span.SequenceEqual(a.Name.Span) && e.Value.Span.SequenceEqual(a.Value.Span) && e.NeverIndex == a.NeverIndex,
                $"Field {i} '{e}' (never-indexed {e.NeverIndex}) came back as '{a}' (never-indexed {a.NeverIndex}).");
        }
    }
}
