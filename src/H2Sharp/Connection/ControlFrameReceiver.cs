using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>Receives RST_STREAM, PING, GOAWAY, ALTSVC and unknown frames.</summary>
internal sealed class ControlFrameReceiver
{
    private readonly ConnectionCore _core;

    public ControlFrameReceiver(ConnectionCore core)
    {
        _core = core;
    }

    public void OnRstStream(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = RstStreamFrame.Parse(header, payload);
        switch (_core.Streams.Receive(frame.StreamId, StreamInput.RecvRstStream, out var stream, out var lookup))
        {
            case TransitionOutcome.Allow:
                if (!stream!.LocallyInitiated)
                {
                    _core.Ledger.ChargeReset(); // rapid reset: the peer opens and cancels
                }

                _core.Streams.Apply(stream, StreamInput.RecvRstStream);
                _core.Emit(new StreamReset { StreamId = frame.StreamId, ErrorCode = frame.ErrorCode, RemoteReset = true });
                return;
            case TransitionOutcome.Ignore:
            case TransitionOutcome.Forbidden when lookup == StreamLookup.Skipped:
                // RFC 9113 5.1 (closed): RST_STREAM may cross ours or our END_STREAM; h2 3.1.1: ignore it.
                // Skipped ids are closed too (RFC 9113 5.1.1: "implicitly closes all streams in the idle state" below).
                return;
            default:
                // RFC 9113 6.4: "If a RST_STREAM frame identifying an idle stream is received, the
                // recipient MUST treat this as a connection error of type PROTOCOL_ERROR."
                throw new ProtocolException($"The peer reset idle stream {frame.StreamId}.", ErrorCode.ProtocolError, 0);
        }
    }

    public void OnPing(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = PingFrame.Parse(header, payload);
        var data = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(data, frame.OpaqueData);
        if (frame.Ack)
        {
            _core.Emit(new PingAckReceived { PingData = data, OpaqueData = frame.OpaqueData });
            return;
        }

        // RFC 9113 6.7: "Receivers of a PING frame that does not include an ACK flag MUST send
        // a PING frame with the ACK flag set in response, with an identical frame payload."
        int before = _core.BeginControl();
        FrameWriter.WritePing(_core.Out, frame.OpaqueData, ack: true);
        _core.EndControl(before);
        _core.Emit(new PingReceived { PingData = data, OpaqueData = frame.OpaqueData });
    }

    public void OnGoAway(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = GoAwayFrame.Parse(header, payload);
        int last = frame.LastStreamId;
        // RFC 9113 6.8: "Endpoints MUST NOT increase the value they send in the last stream identifier".
        if (_core.RemoteGoAwayLastStreamId is int earlier && earlier < last)
        {
            last = earlier;
        }

        _core.RemoteGoAwayLastStreamId = last;
        _core.Emit(new ConnectionTerminated
        {
            ErrorCode = frame.ErrorCode,
            LastStreamId = frame.LastStreamId,
            // h2 gives None for a GOAWAY without debug data. The cast matters: a bare null would
            // become an empty ReadOnlyMemory through its implicit conversion from byte[].
            AdditionalData = frame.AdditionalDebugData.IsEmpty ? (ReadOnlyMemory<byte>?)null : frame.AdditionalDebugData.ToArray(),
        });

        // RFC 9113 6.8: streams we initiated above the last stream id "were not processed"
        // and can be retried; they are closed now and reported as refused.
        List<H2Stream>? refused = null;
        foreach (var stream in _core.Streams.All)
        {
            if (stream.LocallyInitiated && stream.Id > last)
            {
                (refused ??= new List<H2Stream>()).Add(stream);
            }
        }

        if (refused is null)
        {
            return;
        }

        refused.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        foreach (var stream in refused)
        {
            _core.Streams.ForceClose(stream, StreamCloseReason.ResetByPeer);
            _core.Emit(new StreamReset { StreamId = stream.Id, ErrorCode = ErrorCode.RefusedStream, RemoteReset = true });
        }
    }

    /// <summary>ALTSVC on a client (see <see cref="AlternativeServices"/>).</summary>
    public void OnAltSvc(in FrameHeader header, ReadOnlySpan<byte> payload) => AlternativeServices.OnAltSvc(_core, header, payload);

    public void OnUnknown(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        // RFC 9113 4.1: "Implementations MUST ignore and discard frames of unknown types."
        var frame = UnknownFrame.Parse(header, payload);
        _core.Ledger.ChargeGlitch();
        _core.Emit(new UnknownFrameReceived
        {
            FrameType = frame.Type,
            Flags = (byte)frame.Flags,
            StreamId = frame.StreamId,
            Payload = frame.Payload.ToArray(),
        });
    }
}
