using H2Sharp.Frames;

namespace H2Sharp.Tests.Frames;

/// <summary>Parses a frame with its typed parser and returns its ToString (exercises every parser and describer).</summary>
internal static class FrameDescriber
{
    public static string Describe(FrameHeader header, ReadOnlySpan<byte> payload) => header.Type switch
    {
        FrameType.Data => DataFrame.Parse(header, payload).ToString(),
        FrameType.Headers => HeadersFrame.Parse(header, payload).ToString(),
        FrameType.Priority => PriorityFrame.Parse(header, payload).ToString(),
        FrameType.RstStream => RstStreamFrame.Parse(header, payload).ToString(),
        FrameType.Settings => SettingsFrame.Parse(header, payload).ToString(),
        FrameType.PushPromise => PushPromiseFrame.Parse(header, payload).ToString(),
        FrameType.Ping => PingFrame.Parse(header, payload).ToString(),
        FrameType.GoAway => GoAwayFrame.Parse(header, payload).ToString(),
        FrameType.WindowUpdate => WindowUpdateFrame.Parse(header, payload).ToString(),
        FrameType.Continuation => ContinuationFrame.Parse(header, payload).ToString(),
        FrameType.AltSvc => AltSvcFrame.Parse(header, payload).ToString(),
        FrameType.PriorityUpdate => PriorityUpdateFrame.Parse(header, payload).ToString(),
        _ => UnknownFrame.Parse(header, payload).ToString(),
    } + " / " + header.ToString();
}
