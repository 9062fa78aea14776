using System.Buffers;
using H2Sharp.Hpack;

namespace H2Sharp.Benchmarks.Workloads;

/// <summary>
/// W3's two phases over all stories: encode every story with a fresh encoder (one dynamic table
/// per story), then decode the produced blocks with a fresh decoder per story.
/// </summary>
public sealed class HpackRound
{
    private readonly HeaderField[][][] _stories;
    private readonly ArrayBufferWriter<byte>[] _blocks;   // one writer per story: blocks back to back
    private readonly int[][] _blockEnds;                  // end offset of each block in its writer

    internal HpackRound(HeaderField[][][] stories)
    {
        _stories = stories;
        _blocks = new ArrayBufferWriter<byte>[stories.Length];
        _blockEnds = new int[stories.Length][];
        for (int s = 0; s < stories.Length; s++)
        {
            _blocks[s] = new ArrayBufferWriter<byte>(64 * 1024);
            _blockEnds[s] = new int[stories[s].Length];
            FieldCount += stories[s].Sum(l => l.Length);
        }
    }

    /// <summary>Header fields in one pass over all stories.</summary>
    public long FieldCount { get; }

    /// <summary>Bytes produced by the last encode pass.</summary>
    public long EncodedBytes => _blocks.Sum(b => (long)b.WrittenCount);

    /// <summary>Encodes all stories; returns the fields encoded.</summary>
    public long Encode()
    {
        for (int s = 0; s < _stories.Length; s++)
        {
            var encoder = new HpackEncoder();
            ArrayBufferWriter<byte> output = _blocks[s];
            output.ResetWrittenCount();
            HeaderField[][] lists = _stories[s];
            int[] ends = _blockEnds[s];
            for (int i = 0; i < lists.Length; i++)
            {
                encoder.Encode(lists[i], output);
                ends[i] = output.WrittenCount;
            }
        }

        return FieldCount;
    }

    /// <summary>Decodes all stories' blocks; returns the fields decoded (checked by count and length).</summary>
    public long Decode()
    {
        long fields = 0;
        for (int s = 0; s < _stories.Length; s++)
        {
            var decoder = new HpackDecoder();
            ReadOnlySpan<byte> written = _blocks[s].WrittenSpan;
            int[] ends = _blockEnds[s];
            int start = 0;
            for (int i = 0; i < ends.Length; i++)
            {
                var handler = new CountingHandler();
                decoder.Decode(written[start..ends[i]], true, ref handler);
                if (handler.Count != _stories[s][i].Length)
                {
                    throw new InvalidOperationException($"FAIL: story {s} block {i}: {handler.Count} fields decoded, {_stories[s][i].Length} expected");
                }

                fields += handler.Count;
                start = ends[i];
            }
        }

        return fields;
    }

    /// <summary>Full comparison of a decode pass with the input (untimed); returns mismatches.</summary>
    public int Verify()
    {
        int failures = 0;
        for (int s = 0; s < _stories.Length; s++)
        {
            var decoder = new HpackDecoder();
            byte[] written = _blocks[s].WrittenSpan.ToArray();
            int start = 0;
            for (int i = 0; i < _blockEnds[s].Length; i++)
            {
                var handler = new ComparingHandler(_stories[s][i]);
                decoder.Decode(written.AsSpan(start, _blockEnds[s][i] - start), true, ref handler);
                if (!handler.Matched || handler.Index != _stories[s][i].Length)
                {
                    Console.Error.WriteLine($"FAIL: W3 story {s} block {i} does not round-trip");
                    failures++;
                }

                start = _blockEnds[s][i];
            }
        }

        return failures;
    }

    private struct CountingHandler : IHeaderHandler
    {
        public int Count;
        public long Bytes;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed)
        {
            Count++;
            Bytes += name.Length + value.Length;
        }
    }

    private struct ComparingHandler(HeaderField[] expected) : IHeaderHandler
    {
        public int Index;
        public bool Matched = true;

        public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed)
        {
            if (Index >= expected.Length || !name.SequenceEqual(expected[Index].Name.Span) || !value.SequenceEqual(expected[Index].Value.Span))
            {
                Matched = false;
            }

            Index++;
        }
    }
}
