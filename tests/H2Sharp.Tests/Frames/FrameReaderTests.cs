using H2Sharp.Frames;
using static H2Sharp.Tests.Frames.FrameTestKit;

namespace H2Sharp.Tests.Frames;

public class FrameReaderTests
{
    [Theory]
    [InlineData(1, FrameReader.DefaultMaxFrameSize)]
    [InlineData(2, 100_000)]
    public void Long_stream_gives_identical_frames_whole_in_random_slices_and_byte_by_byte(int seed, int maxFrameSize)
    {
        byte[] stream = FrameStreamFactory.Build(seed, 650, Math.Min(maxFrameSize, 60_000));
        List<ReadFrame> whole = ReadWhole(stream, maxFrameSize);
        Assert.Equal(650, whole.Count);
        Assert.Equal(stream.Length, whole.Sum(f => FrameHeader.Size + f.Payload.Length));
        foreach (ReadFrame f in whole)
        {
            FrameReader.Validate(f.Header, f.Payload); // every generated frame is valid
        }

        for (int sliceSeed = 0; sliceSeed < 5; sliceSeed++)
        {
            var random = new Random(sliceSeed);
            int limit = sliceSeed switch { 0 => 3, 1 => 20, 2 => 300, 3 => 20_000, _ => 200_000 };
            Assert.Equal(whole, ReadAll(new FrameReader(maxFrameSize), stream, () => random.Next(1, limit)));
        }

        Assert.Equal(whole, ReadAll(new FrameReader(maxFrameSize), stream, () => 1));
    }

    [Fact]
    public void Whole_frame_in_input_is_not_copied_and_a_split_one_is()
    {
        byte[] stream = Hex("000008 06 00 00000000 0102030405060708 000004 08 00 00000000 00000100");
        var reader = new FrameReader();
        ReadOnlySpan<byte> input = stream.AsSpan(0, 20);
        Assert.True(reader.TryReadFrame(ref input, out _, out ReadOnlySpan<byte> payload));
        Assert.True(payload.Overlaps(stream), "A frame whole in the input must be handed out in place.");
        Assert.Equal(3, input.Length);
        Assert.False(reader.TryReadFrame(ref input, out _, out _));
        Assert.Equal(3, reader.BufferedBytes);

        // Only the header was cut: the payload is whole in the next input and is handed out in place.
        input = stream.AsSpan(20);
        Assert.True(reader.TryReadFrame(ref input, out FrameHeader header, out payload));
        Assert.True(payload.Overlaps(stream.AsSpan(20)));
        Assert.Equal(FrameType.WindowUpdate, header.Type);
        Assert.Equal(Hex("00000100"), payload.ToArray());
        Assert.Equal(0, reader.BufferedBytes);
        Assert.True(input.IsEmpty);
        Assert.False(reader.TryReadFrame(ref input, out _, out _));

        // The payload itself cut across calls: assembled in the reader's buffer (a copy).
        input = stream.AsSpan(0, 12);
        Assert.False(reader.TryReadFrame(ref input, out _, out _));
        input = stream.AsSpan(12, 8);
        Assert.True(reader.TryReadFrame(ref input, out header, out payload));
        Assert.False(payload.Overlaps(stream));
        Assert.Equal(FrameType.Ping, header.Type);
        Assert.Equal(Hex("0102030405060708"), payload.ToArray());
    }

    [Fact]
    public void Too_large_frame_is_rejected_as_soon_as_its_header_is_complete()
    {
        byte[] header = Hex("004001 00 00 00000001"); // 16,385 octets > 16,384
        var reader = new FrameReader();
        for (int i = 0; i < 8; i++)
        {
            ReadOnlySpan<byte> one = header.AsSpan(i, 1);
            Assert.False(reader.TryReadFrame(ref one, out _, out _));
        }

        var ex = Assert.Throws<FrameTooLargeException>(() =>
        {
            ReadOnlySpan<byte> last = header.AsSpan(8, 1);
            reader.TryReadFrame(ref last, out _, out _);
        });
        Assert.Equal(ErrorCode.FrameSizeError, ex.ErrorCode);
        Assert.Equal(0, ex.StreamId);

        Assert.Throws<FrameTooLargeException>(() =>
        {
            ReadOnlySpan<byte> all = header;
            new FrameReader().TryReadFrame(ref all, out _, out _);
        });
    }

    [Fact]
    public void Frame_of_exactly_max_frame_size_is_accepted_and_the_limit_can_be_raised()
    {
        byte[] frame = new byte[FrameHeader.Size + 16_385];
        new FrameHeader(16_384, FrameType.Data, FrameFlags.None, 1).Write(frame);
        Assert.Single(ReadWhole(frame.AsSpan(0, FrameHeader.Size + 16_384).ToArray()));

        new FrameHeader(16_385, FrameType.Data, FrameFlags.None, 1).Write(frame);
        var reader = new FrameReader { MaxFrameSize = 16_385 };
        Assert.Equal(16_385, Assert.Single(ReadAll(reader, frame, () => 1000)).Payload.Length);
    }

    [Fact]
    public void MaxFrameSize_outside_the_rfc_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FrameReader(16_383));
        var reader = new FrameReader();
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.MaxFrameSize = 16_777_216);
        reader.MaxFrameSize = 16_777_215;
        Assert.Equal(16_777_215, reader.MaxFrameSize);
    }

    [Fact]
    public void Empty_input_returns_false_and_keeps_state()
    {
        var reader = new FrameReader();
        ReadOnlySpan<byte> input = default;
        Assert.False(reader.TryReadFrame(ref input, out _, out _));
        Assert.Equal(0, reader.BufferedBytes);
        ReadOnlySpan<byte> part = Hex("000000 04");
        Assert.False(reader.TryReadFrame(ref part, out _, out _));
        input = default;
        Assert.False(reader.TryReadFrame(ref input, out _, out _));
        Assert.Equal(4, reader.BufferedBytes);
        ReadOnlySpan<byte> rest = Hex("01 00000000");
        Assert.True(reader.TryReadFrame(ref rest, out FrameHeader header, out ReadOnlySpan<byte> payload));
        Assert.Equal(new FrameHeader(0, FrameType.Settings, FrameFlags.Ack, 0), header);
        Assert.True(payload.IsEmpty);
    }

    [Fact]
    public void Random_bytes_raise_only_protocol_exceptions()
    {
        var random = new Random(42);
        int rejected = 0, frames = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] junk = new byte[random.Next(1, 3000)];
            random.NextBytes(junk);
            // Keep lengths small often enough that whole frames appear, with random types and flags.
            for (int at = 0; at + 3 < junk.Length; at += random.Next(9, 60))
            {
                junk[at] = 0;
                junk[at + 1] = 0;
                junk[at + 3] = (byte)random.Next(0, 0x12);
            }

            var reader = new FrameReader { ValidateFrames = round % 2 == 0 };
            int offset = 0;
            try
            {
                while (offset < junk.Length)
                {
                    int size = Math.Min(random.Next(1, 100), junk.Length - offset);
                    ReadOnlySpan<byte> input = junk.AsSpan(offset, size);
                    offset += size;
                    while (reader.TryReadFrame(ref input, out FrameHeader header, out ReadOnlySpan<byte> payload))
                    {
                        frames++;
                        try
                        {
                            Assert.False(string.IsNullOrEmpty(FrameDescriber.Describe(header, payload) + " / " + header));
                        }
                        catch (ProtocolException)
                        {
                            rejected++;
                        }
                    }
                }
            }
            catch (ProtocolException)
            {
                rejected++;
            }
        }

        Assert.True(frames > 100, $"only {frames} frames were formed; the generator needs more structure");
        Assert.True(rejected > 10, $"only {rejected} rejections");
    }
}
