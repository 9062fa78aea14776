using System.Buffers.Binary;
using H2Sharp.Frames;

namespace H2Sharp.Tests.Support;

/// <summary>One frame our connection sent, parsed back for exact assertions.</summary>
internal sealed record SentFrame(FrameType Type, FrameFlags Flags, int StreamId, byte[] Payload)
{
    /// <summary>For HEADERS/PUSH_PROMISE: the decoded block (CONTINUATION frames merged in).</summary>
    public IReadOnlyList<HeaderField> Headers { get; init; } = [];

    public bool EndStream => (Flags & FrameFlags.EndStream) != 0 && Type is FrameType.Data or FrameType.Headers;

    public bool Ack => (Flags & FrameFlags.Ack) != 0 && Type is FrameType.Settings or FrameType.Ping;

    public ErrorCode ErrorCode => Type switch
    {
        FrameType.RstStream => (ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(Payload),
        FrameType.GoAway => (ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(4)),
        _ => throw new InvalidOperationException($"{Type} has no error code"),
    };

    public int LastStreamId => BinaryPrimitives.ReadInt32BigEndian(Payload) & int.MaxValue;

    /// <summary>The promised stream id of a PUSH_PROMISE we sent (never padded).</summary>
    public int PromisedStreamId => BinaryPrimitives.ReadInt32BigEndian(Payload) & int.MaxValue;

    public int Increment => BinaryPrimitives.ReadInt32BigEndian(Payload) & int.MaxValue;

    public (SettingCode, uint)[] Settings => Enumerable.Range(0, Payload.Length / 6)
        .Select(i => ((SettingCode)BinaryPrimitives.ReadUInt16BigEndian(Payload.AsSpan(i * 6)), BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan((i * 6) + 2))))
        .ToArray();

    /// <summary>A short text form: "HEADERS 1 END_STREAM", "RST_STREAM 3 StreamClosed", "WINDOW_UPDATE 0 +100", ...</summary>
    public override string ToString() => Type switch
    {
        FrameType.RstStream => $"RST_STREAM {StreamId} {ErrorCode}",
        FrameType.GoAway => $"GOAWAY last={LastStreamId} {ErrorCode}",
        FrameType.WindowUpdate => $"WINDOW_UPDATE {StreamId} +{Increment}",
        FrameType.Settings => Ack ? "SETTINGS ACK" : "SETTINGS " + string.Join(",", Settings.Select(s => $"{s.Item1}={s.Item2}")),
        FrameType.Ping => $"PING{(Ack ? " ACK" : "")} {BinaryPrimitives.ReadUInt64BigEndian(Payload):x}",
        FrameType.Data => $"DATA {StreamId} len={Payload.Length}{(EndStream ? " END_STREAM" : "")}",
        FrameType.Headers => $"HEADERS {StreamId}{(EndStream ? " END_STREAM" : "")}",
        FrameType.Continuation => $"CONTINUATION {StreamId}",
        _ => $"{Type} {StreamId}",
    };
}
