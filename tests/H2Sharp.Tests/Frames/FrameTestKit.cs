using System.Buffers;
using H2Sharp.Frames;

namespace H2Sharp.Tests.Frames;

/// <summary>One frame as the reader returned it, copied so it outlives the reader's next call.</summary>
internal sealed record ReadFrame(FrameHeader Header, byte[] Payload)
{
    public bool Equals(ReadFrame? other) => other is not null && Header == other.Header && Payload.AsSpan().SequenceEqual(other.Payload);

    public override int GetHashCode() => Header.GetHashCode();
}

internal static class FrameTestKit
{
    /// <summary>Hex to bytes; spaces are for readability and ignored.</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    public static FrameHeader HeaderOf(byte[] frame) => FrameHeader.Read(frame);

    public static ReadOnlySpan<byte> PayloadOf(byte[] frame) => frame.AsSpan(FrameHeader.Size);

    /// <summary>Feeds <paramref name="stream"/> to a reader in slices of the given sizes (cycled) and collects every frame.</summary>
    public static List<ReadFrame> ReadAll(FrameReader reader, byte[] stream, Func<int> nextSliceSize)
    {
        var frames = new List<ReadFrame>();
        int offset = 0;
        while (offset < stream.Length)
        {
            int size = Math.Min(nextSliceSize(), stream.Length - offset);
            ReadOnlySpan<byte> input = stream.AsSpan(offset, size);
            offset += size;
            while (reader.TryReadFrame(ref input, out FrameHeader header, out ReadOnlySpan<byte> payload))
            {
                frames.Add(new ReadFrame(header, payload.ToArray()));
            }

            Assert.True(input.IsEmpty, "TryReadFrame returned false before using up its input.");
        }

        return frames;
    }

    public static List<ReadFrame> ReadWhole(byte[] stream, int maxFrameSize = FrameReader.DefaultMaxFrameSize) =>
        ReadAll(new FrameReader(maxFrameSize), stream, () => stream.Length);

    /// <summary>Writes with the IBufferWriter overload and with the Span overload; asserts both give the same bytes.</summary>
    public static byte[] Written(Func<IBufferWriter<byte>, int> viaWriter, SpanWriter viaSpan)
    {
        var output = new ArrayBufferWriter<byte>();
        int count = viaWriter(output);
        Assert.Equal(output.WrittenCount, count);
        byte[] buffer = new byte[count + 7];
        int spanCount = viaSpan(buffer);
        Assert.Equal(count, spanCount);
        Assert.Equal(output.WrittenSpan.ToArray(), buffer.AsSpan(0, spanCount).ToArray());
        return output.WrittenSpan.ToArray();
    }

    public delegate int SpanWriter(Span<byte> destination);

    /// <summary>The folder holding H2Sharp.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "H2Sharp.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("H2Sharp.slnx not found above " + AppContext.BaseDirectory);
    }

    public static byte[] TestData(string name) => File.ReadAllBytes(Path.Combine(RepoRoot(), "tests", "H2Sharp.Tests", "TestData", name));
}
