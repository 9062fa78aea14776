namespace H2Sharp;

/// <summary>
/// Checks of the caller's requests that throw an exception saying what to do and change
/// nothing, so a misuse leaves the connection usable.
/// </summary>
internal static class CallerChecks
{
    /// <summary>Throws unless the connection state machine allows the caller to send this now.</summary>
    public static void CanSend(ConnectionCore core, ConnectionInput input)
    {
        if (core.Fsm.Peek(input).Outcome != TransitionOutcome.Forbidden)
        {
            return;
        }

        throw core.Fsm.State switch
        {
            ConnectionState.Idle => new ProtocolException("Call InitiateConnection first."),
            ConnectionState.Closed => new ProtocolException("The connection is closed; open a new connection."),
            ConnectionState.GoAwayReceived or ConnectionState.GoAwayBoth when input is ConnectionInput.SendNewStream or ConnectionInput.SendPushPromise =>
                new ProtocolException("The peer sent GOAWAY: no new streams may be opened on this connection (RFC 9113 section 6.8); open a new connection."),
            _ => new ProtocolException($"A {(core.Client ? "client" : "server")} may not do this ({input}) in connection state {core.Fsm.State}."),
        };
    }

    /// <summary>Returns the live stream or throws the exception that explains why there is none.</summary>
    public static H2Stream RequireStream(ConnectionCore core, int streamId)
    {
        if (streamId <= 0)
        {
            throw new NoSuchStreamException($"Stream id {streamId} is not a stream; stream ids are positive.", streamId);
        }

        return core.Streams.Find(streamId, out var stream, out _) switch
        {
            StreamLookup.Live => stream!,
            StreamLookup.Closed or StreamLookup.ClosedLongAgo or StreamLookup.Skipped =>
                throw new StreamClosedException($"Stream {streamId} is closed; use a new stream.", streamId),
            _ => throw new NoSuchStreamException($"Stream {streamId} was never opened; send headers on it first.", streamId),
        };
    }

    /// <summary>Throws the right exception when a stream may not send HEADERS or DATA in its state.</summary>
    public static void CanSendOnStream(H2Stream stream, StreamInput input)
    {
        if (StreamStateMachine.Lookup(stream.State, input).Outcome == TransitionOutcome.Allow)
        {
            return;
        }

        throw stream.State is StreamState.HalfClosedLocal or StreamState.Closed
            ? new StreamClosedException($"Stream {stream.Id} was already ended by this side; nothing more can be sent on it.", stream.Id)
            : new ProtocolException($"Cannot send {input} on stream {stream.Id} in state {stream.State}.", ErrorCode.ProtocolError, stream.Id);
    }
}
