using H2Sharp.Frames;
using static H2Sharp.Tests.Frames.FrameTestKit;

namespace H2Sharp.Tests.Frames;

/// <summary>
/// Real client bytes (see TestData/README.md for how they were captured): a bare listener
/// recorded what curl and nghttp send for a 40,000-octet POST. The first 24 octets are the
/// connection preface, which the frame reader does not parse.
/// </summary>
public class CapturedStreamTests
{
    private const int PrefaceLength = 24;

    [Theory]
    [InlineData("curl-post-40000.h2c")]
    [InlineData("nghttp-post-40000.h2c")]
    public void Captured_stream_reads_the_same_whole_in_random_slices_and_byte_by_byte(string file)
    {
        byte[] stream = TestData(file)[PrefaceLength..];
        List<ReadFrame> whole = ReadWhole(stream);
        Assert.Equal(stream.Length, whole.Sum(f => FrameHeader.Size + f.Payload.Length));
        var random = new Random(9);
        Assert.Equal(whole, ReadAll(new FrameReader(), stream, () => random.Next(1, 5000)));
        Assert.Equal(whole, ReadAll(new FrameReader(), stream, () => 1));
        foreach (ReadFrame f in whole)
        {
            FrameReader.Validate(f.Header, f.Payload);
        }
    }

    [Fact]
    public void Curl_capture_has_the_expected_frames()
    {
        List<ReadFrame> frames = ReadWhole(TestData("curl-post-40000.h2c")[PrefaceLength..]);
        Assert.Equal([FrameType.Settings, FrameType.WindowUpdate, FrameType.Headers, FrameType.Data, FrameType.Data, FrameType.Data], frames.Select(f => f.Header.Type));

        var settings = SettingsFrame.Parse(frames[0].Header, frames[0].Payload);
        Assert.Equal(
            [new Setting(SettingCode.MaxConcurrentStreams, 100), new Setting(SettingCode.InitialWindowSize, 33_554_432), new Setting(SettingCode.EnablePush, 0)],
            Enumerable.Range(0, settings.Count).Select(i => SettingsFrame.Parse(frames[0].Header, frames[0].Payload)[i]));
        var window = WindowUpdateFrame.Parse(frames[1].Header, frames[1].Payload);
        Assert.Equal((0, 33_488_897), (window.StreamId, window.WindowSizeIncrement));
        var headers = HeadersFrame.Parse(frames[2].Header, frames[2].Payload);
        Assert.Equal((1, true, false, 87), (headers.StreamId, headers.EndHeaders, headers.EndStream, headers.HeaderBlockFragment.Length));
        Assert.Equal([16_384, 16_384, 7_232], frames.Skip(3).Select(f => DataFrame.Parse(f.Header, f.Payload).Data.Length));
        Assert.Equal([false, false, true], frames.Skip(3).Select(f => DataFrame.Parse(f.Header, f.Payload).EndStream));
    }

    [Fact]
    public void Nghttp_capture_has_priority_frames_and_a_prioritised_headers_frame()
    {
        List<ReadFrame> frames = ReadWhole(TestData("nghttp-post-40000.h2c")[PrefaceLength..]);
        Assert.Equal(10, frames.Count);
        int[] weights = frames.Skip(1).Take(5).Select(f => PriorityFrame.Parse(f.Header, f.Payload).Priority.Weight).ToArray();
        Assert.Equal([201, 101, 1, 1, 1], weights);
        Assert.Equal([0, 0, 0, 7, 3], frames.Skip(1).Take(5).Select(f => PriorityFrame.Parse(f.Header, f.Payload).Priority.StreamDependency));
        var headers = HeadersFrame.Parse(frames[6].Header, frames[6].Payload);
        Assert.Equal(13, headers.StreamId);
        Assert.Equal(new PriorityInfo(11, 16, false), headers.Priority);
        Assert.Equal(63, headers.HeaderBlockFragment.Length);
    }

    [Fact]
    public void Both_clients_sent_the_same_body()
    {
        static byte[] Body(string file) => ReadWhole(TestData(file)[PrefaceLength..])
            .Where(f => f.Header.Type == FrameType.Data)
            .SelectMany(f => DataFrame.Parse(f.Header, f.Payload).Data.ToArray())
            .ToArray();

        byte[] curl = Body("curl-post-40000.h2c");
        Assert.Equal(40_000, curl.Length);
        Assert.Equal(curl, Body("nghttp-post-40000.h2c"));
    }
}
