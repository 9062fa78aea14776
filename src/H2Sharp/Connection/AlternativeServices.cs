using System;
using H2Sharp.Events;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>
/// RFC 7838 section 4 ALTSVC frames: advertising (server) and receiving (client, reported as
/// <see cref="AlternativeServiceAvailable"/>). Servers never see ALTSVC here: the connection
/// state machine drops it ("A device acting as a server MUST ignore it").
/// </summary>
internal static class AlternativeServices
{
    /// <summary>Sends ALTSVC; an empty <paramref name="origin"/> means none (a null byte array arrives empty).</summary>
    public static void Advertise(ConnectionCore core, ReadOnlySpan<byte> fieldValue, ReadOnlySpan<byte> origin, bool originGiven, int? streamId)
    {
        // RFC 7838 section 4: "The ALTSVC frame is intended for receipt by clients."
        if (core.Client)
        {
            throw new EndpointRoleException("Clients cannot advertise alternative services (RFC 7838 section 4: ALTSVC is for receipt by clients).");
        }

        bool hasOrigin = !origin.IsEmpty;
        if (hasOrigin && streamId.HasValue)
        {
            throw new ArgumentException("Give either an origin (explicit form, on stream 0) or a stream id (implicit form), not both.", nameof(streamId));
        }

        if (!hasOrigin && !streamId.HasValue)
        {
            // RFC 7838 section 4: "An ALTSVC frame on stream 0 with empty (length 0) "Origin"
            // information is invalid and MUST be ignored." h2 would send it; we refuse.
            throw new ArgumentException(originGiven
                ? "The origin is empty: a client ignores an ALTSVC frame on stream 0 without an origin (RFC 7838 section 4). Give the origin, or a stream id for the implicit form."
                : "Give an origin (explicit form, on stream 0) or a stream id (implicit form).", nameof(origin));
        }

        CallerChecks.CanSend(core, ConnectionInput.SendAltSvc);
        int id = 0;
        if (!hasOrigin)
        {
            id = streamId!.Value;
            var stream = CallerChecks.RequireStream(core, id);
            // RFC 7838 section 4: "An ALTSVC frame from a server to a client on a stream other than
            // stream 0 indicates that the conveyed alternative service is associated with the
            // origin of that stream." h2 allows it only between the request and the response
            // headers, while the client can still tie it to its request.
            if (stream.LocallyInitiated || stream.OutboundPhase is HeaderPhase.Final or HeaderPhase.Trailers
                || stream.State is not (StreamState.Open or StreamState.HalfClosedRemote))
            {
                throw new InvalidOperationException($"An ALTSVC for stream {id} must be sent after the client's request and before the response headers; use the explicit form (an origin) otherwise.");
            }
        }

        if (2 + origin.Length + fieldValue.Length > core.MaxOutboundFrameSize)
        {
            throw new ArgumentException($"An ALTSVC of {2 + origin.Length + fieldValue.Length} octets does not fit the peer's frame size {core.MaxOutboundFrameSize} (MaxOutboundFrameSize); shorten the field value.", nameof(fieldValue));
        }

        if (origin.Length > ushort.MaxValue)
        {
            throw new ArgumentException("The origin is longer than 65,535 octets.", nameof(origin));
        }

        FrameWriter.WriteAltSvc(core.Out, id, origin, fieldValue);
        core.Fsm.Process(ConnectionInput.SendAltSvc);
    }

    public static void OnAltSvc(ConnectionCore core, in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = AltSvcFrame.Parse(header, payload);
        if (frame.StreamId == 0)
        {
            // RFC 7838 section 4: "An ALTSVC frame on stream 0 with empty (length 0) "Origin"
            // information is invalid and MUST be ignored."
            if (!frame.Origin.IsEmpty)
            {
                core.Emit(new AlternativeServiceAvailable { Origin = frame.Origin.ToArray(), FieldValue = frame.FieldValue.ToArray() });
            }

            return;
        }

        // RFC 7838 section 4: "An ALTSVC frame on a stream other than stream 0 containing
        // non-empty "Origin" information is invalid and MUST be ignored." Like h2, a frame for a
        // stream that is not live, or that already has its response, is ignored too: ALTSVC
        // creates no stream, and the origin must come from our request.
        var stream = core.Streams.Get(frame.StreamId);
        if (!frame.Origin.IsEmpty || stream is null || !stream.LocallyInitiated
            || stream.InboundPhase is HeaderPhase.Final or HeaderPhase.Trailers)
        {
            return;
        }

        core.Emit(new AlternativeServiceAvailable { Origin = stream.Authority, FieldValue = frame.FieldValue.ToArray() });
    }
}
