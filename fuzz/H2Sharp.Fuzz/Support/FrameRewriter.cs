using System;
using System.Buffers;
using H2Sharp.Frames;

namespace H2Sharp.Fuzz.Support;

/// <summary>
/// Parses a valid frame into its typed view and writes it back with <see cref="FrameWriter"/>,
/// so a target can check (with <see cref="FrameDescriber"/>) that write-then-parse keeps its meaning.
/// </summary>
public static class FrameRewriter
{
    /// <summary>Writes the frame back from its typed view and describes what that parses to.</summary>
    /// <param name="header">A frame header that passed <see cref="FrameReader.Validate"/>.</param>
    /// <param name="payload">Its payload.</param>
    /// <returns>The description of the re-written frame.</returns>
    public static string RewriteAndDescribe(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var output = new ArrayBufferWriter<byte>(FrameHeader.Size + payload.Length + 16);
        Write(header, payload, output);
        ReadOnlySpan<byte> written = output.WrittenSpan;
        FrameHeader again = FrameHeader.Read(written);
        return FrameDescriber.Describe(again, written.Slice(FrameHeader.Size, again.Length));
    }

    private static void Write(in FrameHeader header, ReadOnlySpan<byte> payload, IBufferWriter<byte> output)
    {
        switch (header.Type)
        {
            case FrameType.Data:
                var data = DataFrame.Parse(header, payload);
                FrameWriter.WriteData(output, data.StreamId, data.Data, data.EndStream, data.PadLength);
                break;
            case FrameType.Headers:
                var headers = HeadersFrame.Parse(header, payload);
                FrameWriter.WriteHeaders(output, headers.StreamId, headers.HeaderBlockFragment, headers.EndStream, headers.EndHeaders, headers.Priority, headers.PadLength);
                break;
            case FrameType.Priority:
                var priority = PriorityFrame.Parse(header, payload);
                FrameWriter.WritePriority(output, priority.StreamId, priority.Priority);
                break;
            case FrameType.RstStream:
                var rst = RstStreamFrame.Parse(header, payload);
                FrameWriter.WriteRstStream(output, rst.StreamId, rst.ErrorCode);
                break;
            case FrameType.Settings:
                WriteSettings(SettingsFrame.Parse(header, payload), output);
                break;
            case FrameType.PushPromise:
                var push = PushPromiseFrame.Parse(header, payload);
                FrameWriter.WritePushPromise(output, push.StreamId, push.PromisedStreamId, push.HeaderBlockFragment, push.EndHeaders, push.PadLength);
                break;
            case FrameType.Ping:
                var ping = PingFrame.Parse(header, payload);
                FrameWriter.WritePing(output, ping.OpaqueData, ping.Ack);
                break;
            case FrameType.GoAway:
                var goAway = GoAwayFrame.Parse(header, payload);
                FrameWriter.WriteGoAway(output, goAway.LastStreamId, goAway.ErrorCode, goAway.AdditionalDebugData);
                break;
            case FrameType.WindowUpdate:
                var window = WindowUpdateFrame.Parse(header, payload);
                FrameWriter.WriteWindowUpdate(output, window.StreamId, window.WindowSizeIncrement);
                break;
            case FrameType.Continuation:
                var continuation = ContinuationFrame.Parse(header, payload);
                FrameWriter.WriteContinuation(output, continuation.StreamId, continuation.HeaderBlockFragment, continuation.EndHeaders);
                break;
            case FrameType.AltSvc:
                var altSvc = AltSvcFrame.Parse(header, payload);
                FrameWriter.WriteAltSvc(output, altSvc.StreamId, altSvc.Origin, altSvc.FieldValue);
                break;
            case FrameType.PriorityUpdate:
                var update = PriorityUpdateFrame.Parse(header, payload);
                FrameWriter.WritePriorityUpdate(output, update.PrioritizedStreamId, update.PriorityFieldValue);
                break;
            default:
                var unknown = UnknownFrame.Parse(header, payload);
                FrameWriter.WriteUnknown(output, unknown.Type, unknown.Flags, unknown.StreamId, unknown.Payload);
                break;
        }
    }

    private static void WriteSettings(SettingsFrame settings, IBufferWriter<byte> output)
    {
        if (settings.Ack)
        {
            FrameWriter.WriteSettingsAck(output);
            return;
        }

        var list = new Setting[settings.Count];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = settings[i];
        }

        FrameWriter.WriteSettings(output, list);
    }
}
