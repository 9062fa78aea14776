using System.Buffers;
using H2Sharp.Frames;

namespace H2Sharp.Tests.Frames;

/// <summary>Caller misuse of the writer: values that do not fit their field on the wire.</summary>
public class FrameWriterArgumentTests
{
    private static readonly ArrayBufferWriter<byte> Output = new();

    /// <summary>Asserts the exception, the parameter it names, and that its message says what is allowed.</summary>
    private static void AssertOutOfRange(string paramName, Action write, string allowed = "use ")
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(write);
        Assert.Equal(paramName, ex.ParamName);
        Assert.Contains(allowed, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Negative_stream_ids_are_refused()
    {
        AssertOutOfRange("streamId", () => FrameWriter.WriteData(Output, -1, default, false));
        AssertOutOfRange("streamId", () => FrameWriter.WriteHeaders(Output, int.MinValue, default, false, true));
        AssertOutOfRange("streamId", () => FrameWriter.WriteRstStream(Output, -5, ErrorCode.Cancel));
        AssertOutOfRange("streamId", () => FrameWriter.WriteWindowUpdate(Output, -1, 1));
        AssertOutOfRange("streamId", () => FrameWriter.WriteContinuation(Output, -1, default, true));
        AssertOutOfRange("streamId", () => FrameWriter.WriteAltSvc(Output, -1, default, default));
        AssertOutOfRange("streamId", () => FrameWriter.WriteUnknown(Output, 0xfb, FrameFlags.None, -1, default));
        AssertOutOfRange("promisedStreamId", () => FrameWriter.WritePushPromise(Output, 1, -2, default, true));
        AssertOutOfRange("lastStreamId", () => FrameWriter.WriteGoAway(Output, -1, ErrorCode.NoError, default));
        AssertOutOfRange("prioritizedStreamId", () => FrameWriter.WritePriorityUpdate(Output, -1, default));
        AssertOutOfRange("increment", () => FrameWriter.WriteWindowUpdate(Output, 0, -1));
        Assert.Equal(0, Output.WrittenCount);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(256)]
    public void Pad_length_outside_one_octet_is_refused(int pad)
    {
        AssertOutOfRange("padLength", () => FrameWriter.WriteData(Output, 1, default, false, pad));
        AssertOutOfRange("padLength", () => FrameWriter.WriteHeaders(Output, 1, default, false, true, null, pad));
        AssertOutOfRange("padLength", () => FrameWriter.WritePushPromise(Output, 1, 2, default, true, pad));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    [InlineData(-16)]
    public void Weight_outside_1_to_256_is_refused(int weight)
    {
        AssertOutOfRange("priority", () => FrameWriter.WritePriority(Output, 1, new PriorityInfo(0, weight, false)));
        AssertOutOfRange("priority", () => FrameWriter.WriteHeaders(Output, 1, default, false, true, new PriorityInfo(0, weight, false)));
    }

    [Fact]
    public void Negative_dependency_is_refused()
    {
        AssertOutOfRange("priority", () => FrameWriter.WritePriority(Output, 1, new PriorityInfo(-1, 16, false)));
    }

    [Fact]
    public void Payload_past_the_24_bit_length_is_refused()
    {
        byte[] big = new byte[FrameHeader.MaxLength];
        AssertOutOfRange("data", () => FrameWriter.WriteData(Output, 1, big, false, 0), "16,777,215");
        AssertOutOfRange("fragment", () => FrameWriter.WriteHeaders(Output, 1, big, false, false, new PriorityInfo(0, 16, false)), "16,777,215");
        AssertOutOfRange("fragment", () => FrameWriter.WritePushPromise(Output, 1, 2, big, false), "16,777,215");
        AssertOutOfRange("debugData", () => FrameWriter.WriteGoAway(Output, 1, ErrorCode.NoError, big), "16,777,215");
        AssertOutOfRange("fieldValue", () => FrameWriter.WritePriorityUpdate(Output, 1, big), "16,777,215");
        AssertOutOfRange("origin", () => FrameWriter.WriteAltSvc(Output, 0, big.AsSpan(0, 65_536), default), "65,535");

        // The largest payload that fits is written.
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(FrameHeader.Size + FrameHeader.MaxLength, FrameWriter.WriteContinuation(output, 1, big, true));
        Assert.Equal(FrameHeader.MaxLength, FrameHeader.Read(output.WrittenSpan).Length);
    }

    [Fact]
    public void Span_overloads_refuse_a_short_destination_without_writing()
    {
        byte[] destination = new byte[16];
        var ex = Assert.Throws<ArgumentException>(() => FrameWriter.WritePing(destination, 1, false));
        Assert.Equal("destination", ex.ParamName);
        Assert.Contains("17", ex.Message, StringComparison.Ordinal);
        Assert.All(destination, b => Assert.Equal(0, b));
        Assert.Throws<ArgumentException>(() => FrameWriter.WriteSettingsAck(destination.AsSpan(0, 8)));
    }

    [Fact]
    public void Null_buffer_writer_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => FrameWriter.WriteSettingsAck((IBufferWriter<byte>)null!));
    }

    [Fact]
    public void Stream_id_zero_and_increment_zero_are_written_for_tests_of_peers()
    {
        // The writer enforces wire format only; protocol rules belong to the connection.
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteWindowUpdate(output, 1, 0);
        Assert.Equal(FrameTestKit.Hex("000004 08 00 00000001 00000000"), output.WrittenSpan.ToArray());
    }
}
