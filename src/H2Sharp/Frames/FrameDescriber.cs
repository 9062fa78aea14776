using System;

namespace H2Sharp.Frames;

/// <summary>
/// The readable description of one frame: its typed parser's <c>ToString</c>. Serves the frame
/// trace, the tests and the fuzz harness, so a frame reads the same everywhere.
/// </summary>
internal static class FrameDescriber
{
    /// <summary>Parses the frame with its typed parser and returns that view's text.</summary>
    /// <param name="header">The frame header.</param>
    /// <param name="payload">Its whole payload.</param>
    /// <returns>The frame's description.</returns>
    /// <exception cref="ProtocolException">The frame is malformed (the parser's own exception).</exception>
    public static string Describe(in FrameHeader header, ReadOnlySpan<byte> payload) => header.Type switch
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
    };

    /// <summary>Like <see cref="Describe"/>, but never throws: a frame that cannot be parsed reads as its header.</summary>
    /// <param name="header">The frame header.</param>
    /// <param name="payload">The payload octets at hand (fewer than the header says when truncated).</param>
    /// <returns>The frame's description, or its header's marked "(truncated)" or "(malformed)".</returns>
    public static string DescribeOrHeader(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (payload.Length != header.Length)
        {
            return header.ToString() + " (truncated)";
        }

        try
        {
            return Describe(header, payload);
        }
        catch (ProtocolException)
        {
            return header.ToString() + " (malformed)";
        }
    }
}
