using System;

namespace H2Sharp;

/// <summary>
/// The connection state machine as data: one transition table per role (the role never changes,
/// so it selects the table instead of multiplying the states), shared by all connections. It
/// says which frames each role may send and receive in each phase of the connection's life.
/// Inputs missing from a row are <see cref="TransitionOutcome.Forbidden"/>.
/// </summary>
internal sealed class ConnectionStateMachine
{
    private const int StateCount = (int)ConnectionState.Closed + 1;
    private const int InputCount = (int)ConnectionInput.RecvUnknown + 1;

    /// <summary>The client's table.</summary>
    public static readonly Transition<ConnectionState>[] ClientTable = Build(client: true);

    /// <summary>The server's table.</summary>
    public static readonly Transition<ConnectionState>[] ServerTable = Build(client: false);

    private readonly Transition<ConnectionState>[] _table;

    public ConnectionStateMachine(bool client)
    {
        _table = client ? ClientTable : ServerTable;
    }

    /// <summary>The current state.</summary>
    public ConnectionState State { get; private set; }

    /// <summary>Looks up an input without changing state.</summary>
    public Transition<ConnectionState> Peek(ConnectionInput input) => Lookup(_table, State, input);

    /// <summary>Applies an input: moves to the next state unless it is forbidden, and returns the outcome.</summary>
    public TransitionOutcome Process(ConnectionInput input)
    {
        var t = Lookup(_table, State, input);
        if (t.Outcome != TransitionOutcome.Forbidden)
        {
            State = t.Next;
        }

        return t.Outcome;
    }

    /// <summary>Moves to <see cref="ConnectionState.Closed"/> after a connection error (always allowed).</summary>
    public void Close() => State = ConnectionState.Closed;

    public static Transition<ConnectionState> Lookup(Transition<ConnectionState>[] table, ConnectionState state, ConnectionInput input) =>
        table[((int)state * InputCount) + (int)input];

    private static Transition<ConnectionState>[] Build(bool client)
    {
        var t = new Transition<ConnectionState>[StateCount * InputCount];
        void Set(ConnectionState s, ConnectionInput i, TransitionOutcome o, ConnectionState next) =>
            t[((int)s * InputCount) + (int)i] = new(o, next);

        Set(ConnectionState.Idle, ConnectionInput.Initiate, TransitionOutcome.Allow, ConnectionState.Open);

        ReadOnlySpan<ConnectionState> live = [ConnectionState.Open, ConnectionState.GoAwaySent, ConnectionState.GoAwayReceived, ConnectionState.GoAwayBoth];
        foreach (var s in live)
        {
            bool sent = s is ConnectionState.GoAwaySent or ConnectionState.GoAwayBoth;
            bool received = s is ConnectionState.GoAwayReceived or ConnectionState.GoAwayBoth;
            var afterSend = received ? ConnectionState.GoAwayBoth : ConnectionState.GoAwaySent;
            var afterRecv = sent ? ConnectionState.GoAwayBoth : ConnectionState.GoAwayReceived;

            // Frames either role may send or receive on existing streams or the connection.
            foreach (var i in (ReadOnlySpan<ConnectionInput>)[
                ConnectionInput.SendHeaders, ConnectionInput.SendData, ConnectionInput.SendWindowUpdate,
                ConnectionInput.SendPing, ConnectionInput.SendSettings, ConnectionInput.SendRstStream,
                ConnectionInput.RecvHeaders, ConnectionInput.RecvData, ConnectionInput.RecvWindowUpdate,
                ConnectionInput.RecvPing, ConnectionInput.RecvSettings, ConnectionInput.RecvRstStream,
                ConnectionInput.RecvPriority, ConnectionInput.RecvUnknown])
            {
                Set(s, i, TransitionOutcome.Allow, s);
            }

            Set(s, ConnectionInput.SendGoAway, TransitionOutcome.Allow, afterSend);
            Set(s, ConnectionInput.SendGoAwayError, TransitionOutcome.Allow, ConnectionState.Closed);
            Set(s, ConnectionInput.RecvGoAway, TransitionOutcome.Allow, afterRecv);

            // RFC 9113 6.8: "Receivers of a GOAWAY frame MUST NOT open additional streams on the connection."
            if (!received)
            {
                if (client)
                {
                    Set(s, ConnectionInput.SendNewStream, TransitionOutcome.Allow, s);
                }
                else
                {
                    Set(s, ConnectionInput.SendPushPromise, TransitionOutcome.Allow, s);
                }
            }

            if (client)
            {
                // Clients signal priority; servers do not (h2 forbids it, RFC 9218 makes PRIORITY_UPDATE client-only).
                Set(s, ConnectionInput.SendPriority, TransitionOutcome.Allow, s);
                Set(s, ConnectionInput.SendPriorityUpdate, TransitionOutcome.Allow, s);
                // A server promises pushes; after our GOAWAY the promised stream is refused.
                Set(s, ConnectionInput.RecvPushPromise, sent ? TransitionOutcome.Refuse : TransitionOutcome.Allow, s);
                Set(s, ConnectionInput.RecvAltSvc, TransitionOutcome.Allow, s);
                // RFC 9113 8.1: a server opens streams only by PUSH_PROMISE; HEADERS on a new even
                // stream stays forbidden (connection error PROTOCOL_ERROR).
            }
            else
            {
                // RFC 9113 6.8: after our GOAWAY, streams "with an identifier higher than the
                // included last stream identifier" are ignored; we refuse them explicitly.
                Set(s, ConnectionInput.RecvNewStream, sent ? TransitionOutcome.Refuse : TransitionOutcome.Allow, s);
                Set(s, ConnectionInput.SendAltSvc, TransitionOutcome.Allow, s);
                Set(s, ConnectionInput.RecvPriorityUpdate, TransitionOutcome.Allow, s);
                // RFC 7838 section 4: "An ALTSVC frame from a client to a server MUST be ignored."
                Set(s, ConnectionInput.RecvAltSvc, TransitionOutcome.Ignore, s);
            }
        }

        // After a connection error nothing is sent, and whatever arrives is dropped.
        for (var i = ConnectionInput.RecvNewStream; i <= ConnectionInput.RecvUnknown; i++)
        {
            Set(ConnectionState.Closed, i, TransitionOutcome.Ignore, ConnectionState.Closed);
        }

        // Sending GOAWAY again is harmless (h2 1.1.0: multiple GOAWAY frames are allowed).
        Set(ConnectionState.Closed, ConnectionInput.SendGoAwayError, TransitionOutcome.Allow, ConnectionState.Closed);
        Set(ConnectionState.Closed, ConnectionInput.SendGoAway, TransitionOutcome.Allow, ConnectionState.Closed);
        Set(ConnectionState.Idle, ConnectionInput.SendGoAwayError, TransitionOutcome.Allow, ConnectionState.Closed);
        return t;
    }
}
