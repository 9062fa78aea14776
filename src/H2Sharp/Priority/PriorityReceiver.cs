using System;
using H2Sharp.Events;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>
/// Receives PRIORITY (RFC 7540 signals, reported as <see cref="PriorityUpdated"/>) and
/// PRIORITY_UPDATE is <see cref="PriorityUpdateTracker"/>'s. Priority never creates or touches stream state.
/// </summary>
internal sealed class PriorityReceiver
{
    private readonly ConnectionCore _core;

    public PriorityReceiver(ConnectionCore core)
    {
        _core = core;
    }

    public void OnPriority(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        _core.Ledger.ChargeGlitch(); // PRIORITY frames are advisory and cheap to flood (nghttp2 counts them too)
        PriorityInfo priority;
        try
        {
            priority = PriorityFrame.Parse(header, payload).Priority;
        }
        catch (ProtocolException ex) when (ex.StreamId != 0)
        {
            // RFC 9113 6.3: "A PRIORITY frame with a length other than 5 octets MUST be treated as
            // a stream error of type FRAME_SIZE_ERROR."
            Reset(header.StreamId, ex);
            return;
        }

        // RFC 7540 5.3.1: "A stream cannot depend on itself. An endpoint MUST treat this as a
        // stream error of type PROTOCOL_ERROR." (RFC 9113 deprecated the scheme and dropped the
        // sentence; we keep it, as h2 does, but see Reset for idle streams.)
        if (priority.StreamDependency == header.StreamId)
        {
            Reset(header.StreamId, new ProtocolException($"Stream {header.StreamId} declared a dependency on itself.", ErrorCode.ProtocolError, header.StreamId));
            return;
        }

        if (!PrioritySignals.ReportRfc7540(_core))
        {
            return;
        }

        _core.Emit(new PriorityUpdated
        {
            StreamId = header.StreamId,
            Weight = priority.Weight,
            DependsOn = priority.StreamDependency,
            Exclusive = priority.Exclusive,
        });
    }

    private void Reset(int streamId, ProtocolException error)
    {
        if (_core.Streams.Get(streamId) is not null)
        {
            _core.StreamError(streamId, error.ErrorCode, error);
        }
        else if (!IsIdle(streamId))
        {
            _core.ResetClosedStream(streamId, error.ErrorCode);
        }

        // RFC 9113 6.4: "RST_STREAM frames MUST NOT be sent for a stream in the "idle" state."
        // A PRIORITY frame may name an idle stream (RFC 9113 6.3); a faulty one is only counted
        // as a glitch (done above), never answered.
    }

    private bool IsIdle(int streamId)
    {
        int highest = _core.Streams.IsLocal(streamId) ? _core.Streams.HighestOutbound : _core.Streams.HighestInbound;
        return streamId > highest;
    }
}
