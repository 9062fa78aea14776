using H2Sharp.Frames;
using static H2Sharp.Tests.Frames.FrameTestKit;

namespace H2Sharp.Tests.Frames;

/// <summary>Every malformation the frame layer rejects, with its exception type, error code and scope.</summary>
public class FrameMalformationTests
{
    private const ErrorCode Proto = ErrorCode.ProtocolError;
    private const ErrorCode Size = ErrorCode.FrameSizeError;

    public static TheoryData<string, string, Type, ErrorCode, int> Cases => new()
    {
        // name, frame hex, exception, code, stream id of the error (0 = connection error)
        { "DATA on stream 0", "000001 00 00 00000000 00", typeof(ProtocolException), Proto, 0 },
        { "DATA pad length = payload length", "000001 00 08 00000001 01", typeof(ProtocolException), Proto, 0 },
        { "DATA pad length > payload length", "000003 00 08 00000001 05 0000", typeof(ProtocolException), Proto, 0 },
        { "DATA PADDED with empty payload", "000000 00 08 00000001", typeof(FrameDataMissingException), Size, 0 },
        { "HEADERS on stream 0", "000001 01 04 00000000 82", typeof(ProtocolException), Proto, 0 },
        { "HEADERS PRIORITY with 4 octets", "000004 01 20 00000001 00000000", typeof(FrameDataMissingException), Size, 0 },
        { "HEADERS PADDED|PRIORITY with 5 octets", "000005 01 28 00000001 00 00000000", typeof(FrameDataMissingException), Size, 0 },
        { "HEADERS padding over the priority fields", "000006 01 28 00000001 01 00000000 0f", typeof(ProtocolException), Proto, 0 },
        { "HEADERS pad length = payload length", "000002 01 0c 00000001 02 82", typeof(ProtocolException), Proto, 0 },
        { "HEADERS PADDED with empty payload", "000000 01 0c 00000001", typeof(FrameDataMissingException), Size, 0 },
        { "PRIORITY on stream 0", "000005 02 00 00000000 00000001 10", typeof(ProtocolException), Proto, 0 },
        { "PRIORITY with 4 octets (stream error)", "000004 02 00 00000003 00000001", typeof(FrameDataMissingException), Size, 3 },
        { "PRIORITY with 6 octets (stream error)", "000006 02 00 00000007 00000001 1000", typeof(FrameDataMissingException), Size, 7 },
        { "RST_STREAM on stream 0", "000004 03 00 00000000 00000008", typeof(ProtocolException), Proto, 0 },
        { "RST_STREAM with 3 octets", "000003 03 00 00000001 000000", typeof(FrameDataMissingException), Size, 0 },
        { "RST_STREAM with 5 octets", "000005 03 00 00000001 0000000800", typeof(FrameDataMissingException), Size, 0 },
        { "SETTINGS on stream 1", "000000 04 00 00000001", typeof(ProtocolException), Proto, 0 },
        { "SETTINGS with 5 octets", "000005 04 00 00000000 0001000010", typeof(FrameDataMissingException), Size, 0 },
        { "SETTINGS with 7 octets", "000007 04 00 00000000 00010000100000", typeof(FrameDataMissingException), Size, 0 },
        { "SETTINGS ACK with a payload", "000006 04 01 00000000 000100001000", typeof(FrameDataMissingException), Size, 0 },
        { "PUSH_PROMISE on stream 0", "000004 05 04 00000000 00000002", typeof(ProtocolException), Proto, 0 },
        { "PUSH_PROMISE with 3 octets", "000003 05 04 00000001 000000", typeof(FrameDataMissingException), Size, 0 },
        { "PUSH_PROMISE PADDED with 4 octets", "000004 05 0c 00000001 00 000000", typeof(FrameDataMissingException), Size, 0 },
        { "PUSH_PROMISE padding over the promised id", "000005 05 0c 00000001 01 00000002", typeof(ProtocolException), Proto, 0 },
        { "PING on stream 1", "000008 06 00 00000001 0000000000000000", typeof(ProtocolException), Proto, 0 },
        { "PING with 7 octets", "000007 06 00 00000000 00000000000000", typeof(FrameDataMissingException), Size, 0 },
        { "PING with 9 octets", "000009 06 00 00000000 000000000000000000", typeof(FrameDataMissingException), Size, 0 },
        { "PING ACK with 0 octets", "000000 06 01 00000000", typeof(FrameDataMissingException), Size, 0 },
        { "GOAWAY on stream 1", "000008 07 00 00000001 00000000 00000000", typeof(ProtocolException), Proto, 0 },
        { "GOAWAY with 7 octets", "000007 07 00 00000000 00000000 000000", typeof(FrameDataMissingException), Size, 0 },
        { "WINDOW_UPDATE with 3 octets", "000003 08 00 00000000 000001", typeof(FrameDataMissingException), Size, 0 },
        { "WINDOW_UPDATE with 5 octets on a stream", "000005 08 00 00000001 0000000100", typeof(FrameDataMissingException), Size, 0 },
        { "CONTINUATION on stream 0", "000001 09 04 00000000 82", typeof(ProtocolException), Proto, 0 },
        { "ALTSVC with 1 octet", "000001 0a 00 00000000 00", typeof(FrameDataMissingException), Size, 0 },
        { "ALTSVC with 0 octets", "000000 0a 00 00000001", typeof(FrameDataMissingException), Size, 0 },
        { "ALTSVC origin length past the end", "000004 0a 00 00000000 0005 6162", typeof(FrameDataMissingException), Size, 0 },
        { "PRIORITY_UPDATE on stream 1", "000004 10 00 00000001 00000001", typeof(ProtocolException), Proto, 0 },
        { "PRIORITY_UPDATE with 3 octets", "000003 10 00 00000000 000001", typeof(FrameDataMissingException), Size, 0 },
        { "PRIORITY_UPDATE for stream 0", "000004 10 00 00000000 00000000", typeof(ProtocolException), Proto, 0 },
        { "PRIORITY_UPDATE for stream 0 with R set", "000006 10 00 00000000 80000000 7531", typeof(ProtocolException), Proto, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_rejects(string name, string hex, Type exceptionType, ErrorCode code, int streamId)
    {
        byte[] frame = Hex(hex);
        FrameHeader header = HeaderOf(frame);
        Assert.Equal(frame.Length - FrameHeader.Size, header.Length); // the vector itself is well framed
        var ex = Assert.Throws(exceptionType, () => FrameReader.Validate(header, frame.AsSpan(FrameHeader.Size)));
        var protocol = Assert.IsAssignableFrom<ProtocolException>(ex);
        Assert.Equal(code, protocol.ErrorCode);
        Assert.Equal(streamId, protocol.StreamId);
        Assert.False(string.IsNullOrWhiteSpace(protocol.Message), name);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reader_with_validation_rejects_and_consumes_the_frame(string name, string hex, Type exceptionType, ErrorCode code, int streamId)
    {
        // The bad frame arrives in two slices (so it is buffered), followed by a good PING.
        byte[] bad = Hex(hex);
        byte[] ping = Hex("000008 06 00 00000000 0000000000000001");
        var reader = new FrameReader { ValidateFrames = true };
        ReadOnlySpan<byte> first = bad.AsSpan(0, 5);
        Assert.False(reader.TryReadFrame(ref first, out _, out _));
        byte[] rest = [.. bad.AsSpan(5), .. ping];
        var ex = Assert.Throws(exceptionType, () =>
        {
            ReadOnlySpan<byte> input = rest;
            reader.TryReadFrame(ref input, out _, out _);
        });
        Assert.Equal(code, ((ProtocolException)ex).ErrorCode);
        Assert.Equal(streamId, ((ProtocolException)ex).StreamId);

        // The bad frame was consumed: the next call yields the PING.
        ReadOnlySpan<byte> after = ping;
        Assert.True(reader.TryReadFrame(ref after, out FrameHeader header, out _), name);
        Assert.Equal(FrameType.Ping, header.Type);
    }

    [Fact]
    public void Reader_without_validation_hands_out_malformed_frames_unchanged()
    {
        byte[] frame = Hex("000007 06 00 00000001 00000000000000");
        List<ReadFrame> frames = ReadWhole(frame);
        Assert.Equal(new ReadFrame(HeaderOf(frame), frame[9..]), Assert.Single(frames));
    }

    [Fact]
    public void Parse_rejects_a_header_of_another_type_as_a_caller_error()
    {
        byte[] frame = Hex("000008 06 00 00000000 0000000000000000");
        Assert.Throws<ArgumentException>(() => GoAwayFrame.Parse(HeaderOf(frame), PayloadOf(frame)));
        Assert.Throws<ArgumentException>(() => PingFrame.Parse(HeaderOf(frame), PayloadOf(frame)[1..]));
    }
}
