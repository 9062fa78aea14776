using System;

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
            ConnectionState.Idle => new InvalidOperationException("The connection is not started: call InitiateConnection (or InitiateUpgradeConnection) first."),
            ConnectionState.Closed => new InvalidOperationException("The connection is closed (a GOAWAY with an error was sent or received, or ReceiveData failed); open a new connection."),
            ConnectionState.GoAwayReceived or ConnectionState.GoAwayBoth when input is ConnectionInput.SendNewStream or ConnectionInput.SendPushPromise =>
                new InvalidOperationException("The peer sent GOAWAY: no new streams may be opened on this connection (RFC 9113 section 6.8); open a new connection for new requests."),
            ConnectionState.GoAwaySent or ConnectionState.GoAwayBoth when input is ConnectionInput.SendNewStream or ConnectionInput.SendPushPromise =>
                new InvalidOperationException("This side sent GOAWAY (CloseConnection): no new streams may be opened on this connection; open a new connection for new requests."),
            _ => new InvalidOperationException($"A {(core.Client ? "client" : "server")} may not do this ({input}) in connection state {core.Fsm.State}."),
        };
    }

    /// <summary>Returns the live stream or throws the exception that explains why there is none.</summary>
    public static H2Stream RequireStream(ConnectionCore core, int streamId)
    {
        if (streamId <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(streamId), streamId, $"Stream id {streamId} is not a stream: stream ids are 1 to 2^31-1.");
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
            : new InvalidOperationException($"Cannot send {input} on stream {stream.Id} in state {stream.State}.");
    }
}
