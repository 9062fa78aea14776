using System;

namespace H2Sharp;

/// <summary>
/// The one owner of which streams may come into being (the role hyperium/h2's counts.rs plays):
/// stream-id order, the concurrency limits both ways, the cap on peer streams held in memory,
/// refusal of new peer streams after our GOAWAY, and the step of a reserved (pushed) stream to
/// active. Every stream is created here, and every refused or discarded id is recorded here, so
/// the rules that decide "may this stream exist" are read in one file.
/// </summary>
/// <remarks>
/// Peer faults throw <see cref="ProtocolException"/> (connection errors); caller misuse throws
/// the documented caller exceptions. What a frame gets on a stream that already exists or has
/// closed is the state tables' (<see cref="StreamManager.Receive"/>), not this class's.
/// </remarks>
internal sealed class StreamAdmission
{
    private readonly ConnectionCore _core;

    public StreamAdmission(ConnectionCore core)
    {
        _core = core;
    }

    /// <summary>Our SETTINGS_MAX_CONCURRENT_STREAMS: how many active streams the peer may start (null: no limit).</summary>
    public uint? InboundLimit => _core.Settings.Local.MaxConcurrentStreams;

    /// <summary>The peer's SETTINGS_MAX_CONCURRENT_STREAMS: how many active streams we may start (null: no limit).</summary>
    public uint? OutboundLimit => _core.Settings.Remote.MaxConcurrentStreams;

    private StreamManager Streams => _core.Streams;

    // ---- streams the peer starts ----

    /// <summary>
    /// HEADERS on an idle id the peer may use: <see cref="BlockTarget.NewStream"/>, or
    /// <see cref="BlockTarget.Refuse"/> (after our GOAWAY, or past our concurrency limit). The
    /// header block is decoded either way, so HPACK stays in step.
    /// </summary>
    public BlockTarget AdmitInbound(int streamId)
    {
        switch (_core.Fsm.Process(ConnectionInput.RecvNewStream))
        {
            case TransitionOutcome.Refuse:
                // RFC 9113 6.8: after our GOAWAY, streams above its last stream id are not processed.
                if (streamId > (_core.LocalGoAwayLastStreamId ?? 0))
                {
                    return BlockTarget.Refuse;
                }

                break;
            case TransitionOutcome.Allow:
                break;
            default:
                // RFC 9113 8.4: a server can only open streams by PUSH_PROMISE.
                throw new ProtocolException($"The server sent HEADERS on new stream {streamId}; servers open streams only with PUSH_PROMISE.", ErrorCode.ProtocolError, 0);
        }

        // RFC 9113 5.1.2: "An endpoint that receives a HEADERS frame that causes its advertised
        // concurrent stream limit to be exceeded MUST treat this as a stream error of type
        // PROTOCOL_ERROR or REFUSED_STREAM."
        return HasRoom(InboundLimit, Streams.OpenInbound) ? BlockTarget.NewStream : BlockTarget.Refuse;
    }

    /// <summary>
    /// The peer's id is not idle or not its own to open: a connection error. Idle ids of the
    /// peer's parity pass (<see cref="AdmitInbound"/> decides them).
    /// </summary>
    public void CheckInboundId(int streamId, StreamLookup lookup)
    {
        switch (lookup)
        {
            case StreamLookup.Idle when Streams.IsLocal(streamId):
                // RFC 9113 5.1.1: "An endpoint that receives an unexpected stream identifier
                // MUST respond with a connection error of type PROTOCOL_ERROR."
                throw new ProtocolException($"The peer sent HEADERS on stream {streamId}, which only we may open and have not.", ErrorCode.ProtocolError, 0);
            case StreamLookup.Skipped:
                // RFC 9113 5.1.1: "The identifier of a newly established stream MUST be
                // numerically greater than all streams that the initiating endpoint has opened or
                // reserved. ... An endpoint that receives an unexpected stream identifier MUST
                // respond with a connection error of type PROTOCOL_ERROR."
                throw new StreamIdTooLowException(streamId, Streams.HighestInbound);
        }
    }

    /// <summary>Creates the peer's new stream once its header block decoded; past MaxTrackedStreams the connection ends.</summary>
    public H2Stream OpenInbound(int streamId)
    {
        _core.Ledger.CheckTrackedStreams(Streams.LiveInbound);
        return Create(streamId, local: false);
    }

    /// <summary>
    /// RFC 9113 6.6: "A receiver MUST treat the receipt of a PUSH_PROMISE frame that promises an
    /// illegal stream identifier (Section 5.1.1) as a connection error of type PROTOCOL_ERROR."
    /// </summary>
    public void CheckPromisedInbound(int promisedId)
    {
        if (Streams.IsLocal(promisedId) || promisedId <= Streams.HighestInbound)
        {
            throw new ProtocolException($"PUSH_PROMISE promised stream {promisedId}, which the server may not open now.", ErrorCode.ProtocolError, 0);
        }
    }

    /// <summary>Reserves a stream the server promised (reserved (remote)); past MaxTrackedStreams the connection ends.</summary>
    public H2Stream ReserveInbound(int promisedId)
    {
        _core.Ledger.CheckTrackedStreams(Streams.LiveInbound);
        var stream = Create(promisedId, local: false);
        Streams.Apply(stream, StreamInput.RecvPushPromise);
        return stream;
    }

    /// <summary>
    /// The pushed response's HEADERS makes a reserved (remote) stream active. False (and the
    /// stream closed as reset by us) when that would pass our limit: RFC 9113 5.1.2, "An
    /// endpoint that receives a HEADERS frame that causes its advertised concurrent stream limit
    /// to be exceeded MUST treat this as a stream error of type PROTOCOL_ERROR or REFUSED_STREAM."
    /// </summary>
    public bool TryActivateInbound(H2Stream reserved)
    {
        if (HasRoom(InboundLimit, Streams.OpenInbound))
        {
            return true;
        }

        Streams.ForceClose(reserved, StreamCloseReason.ResetByUs);
        return false;
    }

    /// <summary>A peer id that never became a live stream (refused, discarded): closed as reset by us, so late frames are dropped.</summary>
    public void RecordRefused(int streamId) => Streams.RecordClosed(streamId, StreamCloseReason.ResetByUs);

    // ---- streams we start ----

    /// <summary>The next id we may open or promise.</summary>
    public int NextOutboundId()
    {
        long highest = Streams.HighestOutbound;
        long next = highest == 0 ? (_core.Client ? 1 : 2) : highest + 2;
        if (next > int.MaxValue)
        {
            throw new NoAvailableStreamIdException("All stream ids of this connection are used; open a new connection.");
        }

        return (int)next;
    }

    /// <summary>Checks that the caller may open <paramref name="streamId"/> with HEADERS now (nothing changes).</summary>
    public void CheckNewOutbound(int streamId)
    {
        if (streamId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(streamId), streamId, $"Stream id {streamId} is not a stream: stream ids are 1 to 2^31-1. Use GetNextAvailableStreamId.");
        }

        var lookup = Streams.Find(streamId, out _, out _);
        if (lookup != StreamLookup.Idle)
        {
            // Beyond h2: a stream that closed (even long ago) is reported as closed, not as "too low".
            throw lookup == StreamLookup.Skipped && Streams.IsLocal(streamId)
                ? new ArgumentOutOfRangeException(nameof(streamId), streamId, $"Stream id {streamId} is lower than {Streams.HighestOutbound}, already used; stream ids must increase (RFC 9113 section 5.1.1). Use GetNextAvailableStreamId.")
                : new StreamClosedException($"Stream {streamId} is closed; use a new stream (GetNextAvailableStreamId).", streamId);
        }

        if (!Streams.IsLocal(streamId))
        {
            throw new NoSuchStreamException($"Stream {streamId} belongs to the peer and was never opened by it; a {(_core.Client ? "client opens odd" : "server pushes on even")} stream ids (GetNextAvailableStreamId).", streamId);
        }

        if (!_core.Client)
        {
            throw new EndpointRoleException($"A server cannot open stream {streamId} with headers; servers open streams by pushing (PushStream).");
        }

        CallerChecks.CanSend(_core, ConnectionInput.SendNewStream);
        // RFC 9113 5.1.2: "Endpoints MUST NOT exceed the limit set by their peer."
        if (!HasRoom(OutboundLimit, Streams.OpenOutbound))
        {
            throw new TooManyStreamsException($"The peer allows {OutboundLimit} concurrent streams and {Streams.OpenOutbound} are open; wait for one to close (StreamEnded or StreamReset), then open stream {streamId}.");
        }
    }

    /// <summary>Creates the stream <see cref="CheckNewOutbound"/> allowed (idle; the caller's HEADERS opens it).</summary>
    public H2Stream OpenOutbound(int streamId)
    {
        var stream = Create(streamId, local: true);
        _core.Fsm.Process(ConnectionInput.SendNewStream);
        return stream;
    }

    /// <summary>
    /// RFC 9113 6.6: "the sender MUST ensure that the promised stream is a valid choice for a new
    /// stream identifier (Section 5.1.1) (that is, the promised stream MUST be in the "idle" state)."
    /// </summary>
    public void CheckPromisedOutbound(int promisedStreamId)
    {
        if (promisedStreamId <= 0 || !Streams.IsLocal(promisedStreamId))
        {
            throw new ArgumentOutOfRangeException(nameof(promisedStreamId), promisedStreamId, $"Stream id {promisedStreamId} cannot be promised: a server pushes on new even stream ids (use GetNextAvailableStreamId).");
        }

        switch (Streams.Find(promisedStreamId, out _, out _))
        {
            case StreamLookup.Idle:
                return;
            case StreamLookup.Skipped:
                throw new ArgumentOutOfRangeException(nameof(promisedStreamId), promisedStreamId, $"Stream id {promisedStreamId} is lower than {Streams.HighestOutbound}, already used; stream ids must increase (RFC 9113 section 5.1.1). Use GetNextAvailableStreamId.");
            default:
                throw new ArgumentOutOfRangeException(nameof(promisedStreamId), promisedStreamId, $"Stream {promisedStreamId} was already used; promise a new stream (GetNextAvailableStreamId).");
        }
    }

    /// <summary>
    /// RFC 9113 8.4.1: "Sending a PUSH_PROMISE frame creates a new stream and puts the stream into
    /// the "reserved (local)" state for the server".
    /// </summary>
    public H2Stream ReserveOutbound(int promisedStreamId)
    {
        var stream = Create(promisedStreamId, local: true);
        Streams.Apply(stream, StreamInput.SendPushPromise);
        return stream;
    }

    /// <summary>
    /// RFC 9113 8.4.2: a pushed response's HEADERS makes the reserved stream active, and 5.1.2:
    /// "Endpoints MUST NOT exceed the limit set by their peer." Reserved streams do not count.
    /// </summary>
    public void CheckActivateOutbound(H2Stream reserved)
    {
        if (!HasRoom(OutboundLimit, Streams.OpenOutbound))
        {
            throw new TooManyStreamsException($"The client allows {OutboundLimit} concurrent streams and {Streams.OpenOutbound} are open; wait for one to close before starting pushed stream {reserved.Id}.");
        }
    }

    // ---- both ----

    /// <summary>
    /// Stream 1 of an h2c upgrade (RFC 7540 section 3.2): "The HTTP/1.1 request that is sent
    /// prior to upgrade is assigned a stream identifier of 1 ... Stream 1 is implicitly
    /// "half-closed" from the client toward the server". Opened by the client, so local on a client.
    /// </summary>
    public H2Stream OpenUpgradeStream()
    {
        bool local = _core.Client;
        var stream = Create(1, local);
        _core.Fsm.Process(local ? ConnectionInput.SendNewStream : ConnectionInput.RecvNewStream);
        Streams.Apply(stream, local ? StreamInput.SendHeaders : StreamInput.RecvHeaders);
        Streams.Apply(stream, local ? StreamInput.SendEndStream : StreamInput.RecvEndStream);
        return stream;
    }

    /// <summary>
    /// RFC 9113 5.1.2: "Streams that are in the "open" state or in either of the "half-closed"
    /// states count toward the maximum"; room for one more when <paramref name="active"/> is below the limit.
    /// </summary>
    public static bool HasRoom(uint? limit, int active) => limit is not uint max || active < max;

    private H2Stream Create(int streamId, bool local) =>
        Streams.Create(streamId, local, _core.Settings.Remote.InitialWindowSize, _core.Settings.Local.InitialWindowSize);
}
