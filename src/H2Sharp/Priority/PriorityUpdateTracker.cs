using System;
using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>
/// RFC 9218 PRIORITY_UPDATE: sending (client) and receiving (server, reported as
/// <see cref="PriorityUpdateReceived"/>). Keeps only the ids of request streams that were
/// prioritized while still idle, bounded as section 7.1 requires, so a peer cannot make the
/// stack hold state for streams it never opens.
/// </summary>
internal sealed class PriorityUpdateTracker
{
    /// <summary>
    /// The bound on idle prioritized streams when SETTINGS_MAX_CONCURRENT_STREAMS is unlimited:
    /// RFC 9218 ties the bound to that setting; without one, 100 (h2's default concurrency) keeps
    /// the memory a peer can claim with PRIORITY_UPDATE frames small.
    /// </summary>
    public const int UnlimitedConcurrencyBound = 100;

    private readonly ConnectionCore _core;
    private readonly List<int> _idle = new();

    public PriorityUpdateTracker(ConnectionCore core)
    {
        _core = core;
    }

    /// <summary>How many idle streams are remembered as prioritized (for tests).</summary>
    public int IdleCount => _idle.Count;

    public void Send(int streamId, ReadOnlySpan<byte> fieldValue)
    {
        // RFC 9218 section 7.1: "Servers MUST NOT send PRIORITY_UPDATE frames."
        if (!_core.Client)
        {
            throw new EndpointRoleException("Servers must not send PRIORITY_UPDATE frames (RFC 9218 section 7.1); only a client calls SendPriorityUpdate.");
        }

        CallerChecks.CanSend(_core, ConnectionInput.SendPriorityUpdate);
        if (streamId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(streamId), streamId, "PRIORITY_UPDATE names a stream, 1 or more.");
        }

        foreach (byte b in fieldValue)
        {
            if (b is < 0x20 or > 0x7E)
            {
                throw new ArgumentException("A Priority field value is printable ASCII (RFC 9218 section 7.1, Structured Fields).", nameof(fieldValue));
            }
        }

        if (4 + fieldValue.Length > _core.MaxOutboundFrameSize)
        {
            throw new ArgumentException($"A PRIORITY_UPDATE of {4 + fieldValue.Length} octets does not fit the peer's frame size {_core.MaxOutboundFrameSize} (MaxOutboundFrameSize); shorten the value.", nameof(fieldValue));
        }

        var streams = _core.Streams;
        if (!streams.IsLocal(streamId))
        {
            // RFC 9218 section 7.1: "Clients MUST NOT provide a prioritized stream ID that refers
            // to a push stream in the "idle" state."
            if (streamId > streams.HighestInbound)
            {
                throw new ArgumentOutOfRangeException(nameof(streamId), streamId, $"Stream {streamId} is a push stream the server has not promised yet; PRIORITY_UPDATE may not name it (RFC 9218 section 7.1).");
            }
        }
        else if (streamId > streams.HighestOutbound && !Admit(streamId, _core.Admission.OutboundLimit, streams.OpenOutbound, streams.HighestOutbound))
        {
            throw new TooManyStreamsException($"Prioritizing idle stream {streamId} would pass the server's SETTINGS_MAX_CONCURRENT_STREAMS counting idle prioritized streams (RFC 9218 section 7.1); open or prioritize it once streams have closed.");
        }

        FrameWriter.WritePriorityUpdate(_core.Out, streamId, fieldValue);
        _core.Fsm.Process(ConnectionInput.SendPriorityUpdate);
    }

    public void OnPriorityUpdate(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = PriorityUpdateFrame.Parse(header, payload);
        int id = frame.PrioritizedStreamId;
        var streams = _core.Streams;
        switch (streams.Find(id, out _, out _))
        {
            case StreamLookup.Idle when streams.IsLocal(id):
                // RFC 9218 section 7.1: "Servers that receive a PRIORITY_UPDATE for a push stream
                // in the "idle" state MUST respond with a connection error of type PROTOCOL_ERROR."
                throw new ProtocolException($"The client sent PRIORITY_UPDATE for push stream {id}, which was never promised.", ErrorCode.ProtocolError, 0);
            case StreamLookup.Idle:
                // RFC 9218 section 7.1: "The number of streams that have been prioritized but
                // remain in the "idle" state plus the number of active streams ... MUST NOT exceed
                // the value of the SETTINGS_MAX_CONCURRENT_STREAMS parameter. Servers that receive
                // such a PRIORITY_UPDATE MUST respond with a connection error of type PROTOCOL_ERROR."
                if (!Admit(id, _core.Admission.InboundLimit, streams.OpenInbound, streams.HighestInbound))
                {
                    throw new ProtocolException($"The client prioritized idle stream {id} beyond SETTINGS_MAX_CONCURRENT_STREAMS (idle prioritized plus active streams; RFC 9218 section 7.1).", ErrorCode.ProtocolError, 0);
                }

                break;
            case StreamLookup.Live:
                break;
            default:
                // RFC 9218 section 7.1: "Servers can discard frames where the prioritized stream
                // ID refers to a stream in the "half-closed (local)" or "closed" state".
                return;
        }

        var value = frame.PriorityFieldValue;
        var parameters = PriorityParameters.Parse(value);
        _core.Emit(new PriorityUpdateReceived
        {
            StreamId = id,
            PriorityFieldValue = value.ToArray(),
            Urgency = parameters.Urgency,
            Incremental = parameters.Incremental,
        });
    }

    /// <summary>Remembers an idle stream as prioritized if the bound allows; forgets those that have since opened.</summary>
    private bool Admit(int streamId, uint? limit, int active, int highestOpened)
    {
        for (int i = _idle.Count - 1; i >= 0; i--)
        {
            if (_idle[i] <= highestOpened)
            {
                _idle.RemoveAt(i);
            }
        }

        if (_idle.Contains(streamId))
        {
            return true;
        }

        long max = limit ?? UnlimitedConcurrencyBound;
        if (_idle.Count + active + 1 > max)
        {
            return false;
        }

        _idle.Add(streamId);
        return true;
    }
}
