using System;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>Sends DATA frames within the flow-control windows and the peer's frame size.</summary>
internal sealed class DataSender
{
    private readonly ConnectionCore _core;

    public DataSender(ConnectionCore core)
    {
        _core = core;
    }

    public void SendData(int streamId, ReadOnlySpan<byte> data, bool endStream, int? padLength)
    {
        if (padLength is int pad && (pad < 0 || pad > 255))
        {
            throw new ArgumentOutOfRangeException(nameof(padLength), pad, "Padding is 0 to 255 octets.");
        }

        var stream = Check(streamId);
        int frameLength = data.Length + (padLength is int p ? p + 1 : 0);
        if (frameLength > _core.MaxOutboundFrameSize)
        {
            throw new ArgumentException($"{frameLength} octets do not fit in one DATA frame: the peer accepts at most {_core.MaxOutboundFrameSize} (MaxOutboundFrameSize). Split the data, or use SendAvailableData.", nameof(data));
        }

        int sendable = _core.Flow.Sendable(stream);
        if (frameLength > sendable)
        {
            throw new InvalidOperationException($"{frameLength} octets exceed the flow-control window of stream {streamId} ({sendable} octets may be sent now; see LocalFlowControlWindow). Wait for WindowUpdated, or use SendAvailableData.");
        }

        Write(stream, data, endStream, padLength, frameLength);
    }

    /// <summary>Sends as much of <paramref name="data"/> as the windows allow, in frames of the peer's size.</summary>
    public int SendAvailable(int streamId, ReadOnlySpan<byte> data, bool endStream)
    {
        var stream = Check(streamId);
        int sent = 0;
        while (true)
        {
            int remaining = data.Length - sent;
            int chunk = Math.Min(remaining, Math.Min(_core.Flow.Sendable(stream), _core.MaxOutboundFrameSize));
            bool last = chunk == remaining;
            if (chunk == 0 && !(last && endStream))
            {
                return sent;
            }

            Write(stream, data.Slice(sent, chunk), endStream && last, null, chunk);
            sent += chunk;
            if (last)
            {
                return sent;
            }
        }
    }

    private H2Stream Check(int streamId)
    {
        CallerChecks.CanSend(_core, ConnectionInput.SendData);
        var stream = CallerChecks.RequireStream(_core, streamId);
        CallerChecks.CanSendOnStream(stream, StreamInput.SendData);
        // RFC 9113 8.1: a message starts with its header section.
        if (stream.OutboundPhase is HeaderPhase.None or HeaderPhase.Informational)
        {
            throw new InvalidOperationException($"Send the {(_core.Client ? "request" : "final response")} headers on stream {streamId} (SendHeaders) before its body.");
        }

        return stream;
    }

    private void Write(H2Stream stream, ReadOnlySpan<byte> data, bool endStream, int? padLength, int flowLength)
    {
        FrameWriter.WriteData(_core.Out, stream.Id, data, endStream, padLength);
        stream.SendWindow.Consume(flowLength);
        _core.Flow.SendWindow.Consume(flowLength);
        _core.Fsm.Process(ConnectionInput.SendData);
        _core.Streams.Apply(stream, StreamInput.SendData);
        if (endStream)
        {
            _core.Streams.Apply(stream, StreamInput.SendEndStream);
        }
    }
}
