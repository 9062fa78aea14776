using System;
using H2Sharp.Fuzz.Support;
using H2Sharp.Hpack;

namespace H2Sharp.Fuzz.Targets;

/// <summary>
/// Target "hpack": <see cref="HpackDecoder.Decode(ReadOnlySpan{byte}, bool, IHeaderHandler)"/>
/// over fragments and blocks cut as <see cref="FragmentScript"/> says. Flags: bit 0 a small
/// MaxHeaderListSize (256) instead of the default, bit 1 a small table (256) instead of 4096,
/// bit 2 lowers the allowed table size to 64 after the first block (the peer then owes a size update).
/// </summary>
/// <remarks>
/// Only <see cref="ProtocolException"/> subtypes may escape. Invariants: no block passes on more
/// than MaxHeaderListSize; the dynamic table never exceeds the allowed size; a block over the
/// limit is reported only at its end, and the decoder stays usable after it.
/// </remarks>
public static class HpackTarget
{
    /// <summary>The small header list limit chosen by flag bit 0.</summary>
    public const int SmallListSize = 256;

    /// <summary>The small table size chosen by flag bit 1.</summary>
    public const int SmallTableSize = 256;

    /// <summary>Runs the target on one input.</summary>
    /// <param name="input">Flags, cuts and header block data (see <see cref="FragmentScript"/>).</param>
    public static void Run(ReadOnlySpan<byte> input)
    {
        var script = new FragmentScript(input);
        int listSize = (script.Flags & 1) != 0 ? SmallListSize : 65_536;
        int tableSize = (script.Flags & 2) != 0 ? SmallTableSize : HpackDecoder.DefaultTableSize;
        var decoder = new HpackDecoder(tableSize, listSize);
        var fields = new FieldCollector();
        int blocks = 0;
        while (script.Next(out ReadOnlySpan<byte> fragment, out bool endHeaders))
        {
            try
            {
                decoder.Decode(fragment, endHeaders, fields);
            }
            catch (HeaderListTooLargeException e)
            {
                FuzzInvariantException.Check(endHeaders, "HeaderListTooLargeException before the end of the block.");
                FuzzInvariantException.Check(e.HeaderListSize > listSize, $"Block of {e.HeaderListSize} octets reported over the limit {listSize}.");
            }
            catch (HpackDecodingException)
            {
                return; // COMPRESSION_ERROR: the decoder is out of step and is dropped.
            }

            FuzzInvariantException.Check(fields.ListSize <= listSize,
                $"{fields.ListSize} octets of fields passed on under a limit of {listSize}.");
            FuzzInvariantException.Check(decoder.DynamicTableSize <= Math.Max(tableSize, HpackDecoder.DefaultTableSize),
                $"Dynamic table of {decoder.DynamicTableSize} octets.");
            if (endHeaders)
            {
                fields.Clear();
                if (++blocks == 1 && (script.Flags & 4) != 0)
                {
                    decoder.MaxDynamicTableSize = 64;
                }
            }
        }
    }
}
