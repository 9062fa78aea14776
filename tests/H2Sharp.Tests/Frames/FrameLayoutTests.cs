using System.Reflection;
using H2Sharp.Frames;

namespace H2Sharp.Tests.Frames;

/// <summary>Each frame type keeps its parse, size and write together in its own type (docs/architecture.md, Frames).</summary>
public class FrameLayoutTests
{
    public static TheoryData<Type> FrameTypes() =>
    [
        typeof(DataFrame), typeof(HeadersFrame), typeof(PriorityFrame), typeof(RstStreamFrame), typeof(SettingsFrame),
        typeof(PushPromiseFrame), typeof(PingFrame), typeof(GoAwayFrame), typeof(WindowUpdateFrame), typeof(ContinuationFrame),
        typeof(AltSvcFrame), typeof(PriorityUpdateFrame), typeof(UnknownFrame),
    ];

    [Theory]
    [MemberData(nameof(FrameTypes))]
    public void A_frame_type_parses_sizes_and_writes_itself(Type frame)
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var names = frame.GetMethods(statics).Select(m => m.Name).ToHashSet();
        Assert.Contains("Parse", names);
        Assert.Contains("Size", names);
        Assert.Contains("Write", names);
    }

    [Fact]
    public void The_writer_and_the_frame_write_the_same_octets()
    {
        // One sample per path: the public entry delegates, so a HEADERS with priority and
        // padding comes out as before (the vectors in FrameVectorTests pin every type).
        var viaWriter = new byte[64];
        int n = FrameWriter.WriteHeaders(viaWriter, 3, [0x82], endStream: true, endHeaders: true, new PriorityInfo(1, 256, true), padLength: 2);
        Assert.Equal(
            [0, 0, 9, 1, 0x2D, 0, 0, 0, 3, 2, 0x80, 0, 0, 1, 0xFF, 0x82, 0, 0],
            viaWriter[..n]);
    }
}
