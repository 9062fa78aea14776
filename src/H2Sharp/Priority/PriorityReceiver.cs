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
        // stream error of type PROTOCOL_ERROR." RFC 9113 deprecated the scheme and dropped the
        // sentence; every peer we know still answers it (h2spec tests it), so we do, on idle
        // streams too, unless SETTINGS_NO_RFC7540_PRIORITIES turned the scheme off (RFC 9218 2.1).
        if (priority.StreamDependency == header.StreamId && !PrioritySignals.Disabled(_core))
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
        else
        {
            // A closed or idle stream: RST_STREAM only, the stream state does not change. On an
            // idle stream this goes against RFC 9113 6.4 ("RST_STREAM frames MUST NOT be sent for
            // a stream in the "idle" state") to keep RFC 7540 5.3.1's answer, which is what
            // conformance tools and peers expect (docs/differences-from-h2.md).
            _core.ResetClosedStream(streamId, error.ErrorCode);
        }
    }
}
