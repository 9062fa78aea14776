using System;

namespace H2Sharp;

/// <summary>
/// The stream state machine of RFC 9113 section 5.1 as one transition table shared by all
/// streams. Inputs missing from a row are <see cref="TransitionOutcome.Forbidden"/>: a send is the
/// caller's misuse, a receive is a connection error PROTOCOL_ERROR ("Receiving any frame other
/// than HEADERS or PRIORITY on a stream in this state MUST be treated as a connection error").
/// PRIORITY never reaches this table: it is allowed in every state and never creates a stream.
/// </summary>
internal static class StreamStateMachine
{
    private const int StateCount = (int)StreamState.Closed + 1;
    private const int InputCount = (int)StreamInput.RecvRstStream + 1;

    /// <summary>The table, indexed by state then input.</summary>
    public static readonly Transition<StreamState>[] Table = Build();

    /// <summary>Looks up what <paramref name="input"/> does in <paramref name="state"/>.</summary>
    public static Transition<StreamState> Lookup(StreamState state, StreamInput input) =>
        Table[((int)state * InputCount) + (int)input];

    /// <summary>Whether a stream in this state counts against SETTINGS_MAX_CONCURRENT_STREAMS.</summary>
    /// <remarks>RFC 9113 5.1.2: "Streams that are in the "open" state or in either of the "half-closed" states count toward the maximum."</remarks>
    public static bool IsActive(StreamState state) =>
        state is StreamState.Open or StreamState.HalfClosedLocal or StreamState.HalfClosedRemote;

    private static Transition<StreamState>[] Build()
    {
        var t = new Transition<StreamState>[StateCount * InputCount];
        void Allow(StreamState s, StreamInput i, StreamState next) => t[((int)s * InputCount) + (int)i] = new(TransitionOutcome.Allow, next);
        void Outcome(StreamState s, StreamInput i, TransitionOutcome o) => t[((int)s * InputCount) + (int)i] = new(o, s);

        // idle: "Sending a HEADERS frame ... causes the stream to become "open"";
        // "Sending a PUSH_PROMISE frame on another stream reserves the idle stream".
        Allow(StreamState.Idle, StreamInput.SendHeaders, StreamState.Open);
        Allow(StreamState.Idle, StreamInput.RecvHeaders, StreamState.Open);
        Allow(StreamState.Idle, StreamInput.SendPushPromise, StreamState.ReservedLocal);
        Allow(StreamState.Idle, StreamInput.RecvPushPromise, StreamState.ReservedRemote);

        // reserved (local): "the endpoint can send a HEADERS frame. This causes the stream to
        // open in a "half-closed (remote)" state"; "Either endpoint can send a RST_STREAM frame";
        // "An endpoint MAY receive a WINDOW_UPDATE frame in this state."
        Allow(StreamState.ReservedLocal, StreamInput.SendHeaders, StreamState.HalfClosedRemote);
        Allow(StreamState.ReservedLocal, StreamInput.SendRstStream, StreamState.Closed);
        Allow(StreamState.ReservedLocal, StreamInput.RecvRstStream, StreamState.Closed);
        Allow(StreamState.ReservedLocal, StreamInput.RecvWindowUpdate, StreamState.ReservedLocal);

        // reserved (remote): "Receiving a HEADERS frame causes the stream to transition to
        // "half-closed (local)""; "An endpoint MAY send a WINDOW_UPDATE frame in this state."
        Allow(StreamState.ReservedRemote, StreamInput.RecvHeaders, StreamState.HalfClosedLocal);
        Allow(StreamState.ReservedRemote, StreamInput.SendRstStream, StreamState.Closed);
        Allow(StreamState.ReservedRemote, StreamInput.RecvRstStream, StreamState.Closed);
        Allow(StreamState.ReservedRemote, StreamInput.SendWindowUpdate, StreamState.ReservedRemote);

        // open: "may be used by both peers to send frames of any type".
        foreach (var i in (ReadOnlySpan<StreamInput>)[StreamInput.SendHeaders, StreamInput.SendData, StreamInput.SendPushPromise,
                     StreamInput.SendWindowUpdate, StreamInput.RecvHeaders, StreamInput.RecvData, StreamInput.RecvPushPromise,
                     StreamInput.RecvWindowUpdate])
        {
            Allow(StreamState.Open, i, StreamState.Open);
        }

        Allow(StreamState.Open, StreamInput.SendEndStream, StreamState.HalfClosedLocal);
        Allow(StreamState.Open, StreamInput.RecvEndStream, StreamState.HalfClosedRemote);
        Allow(StreamState.Open, StreamInput.SendRstStream, StreamState.Closed);
        Allow(StreamState.Open, StreamInput.RecvRstStream, StreamState.Closed);

        // half-closed (local): "cannot send frames other than WINDOW_UPDATE, PRIORITY, and
        // RST_STREAM"; "frames of any type" may still be received.
        foreach (var i in (ReadOnlySpan<StreamInput>)[StreamInput.SendWindowUpdate, StreamInput.RecvHeaders, StreamInput.RecvData,
                     StreamInput.RecvPushPromise, StreamInput.RecvWindowUpdate])
        {
            Allow(StreamState.HalfClosedLocal, i, StreamState.HalfClosedLocal);
        }

        Allow(StreamState.HalfClosedLocal, StreamInput.RecvEndStream, StreamState.Closed);
        Allow(StreamState.HalfClosedLocal, StreamInput.SendRstStream, StreamState.Closed);
        Allow(StreamState.HalfClosedLocal, StreamInput.RecvRstStream, StreamState.Closed);

        // half-closed (remote): "an endpoint can send a frame of any type"; "If an endpoint
        // receives additional frames, other than WINDOW_UPDATE, PRIORITY, or RST_STREAM, for a
        // stream that is in this state, it MUST respond with a stream error of type STREAM_CLOSED."
        foreach (var i in (ReadOnlySpan<StreamInput>)[StreamInput.SendHeaders, StreamInput.SendData, StreamInput.SendPushPromise,
                     StreamInput.SendWindowUpdate, StreamInput.RecvWindowUpdate])
        {
            Allow(StreamState.HalfClosedRemote, i, StreamState.HalfClosedRemote);
        }

        Allow(StreamState.HalfClosedRemote, StreamInput.SendEndStream, StreamState.Closed);
        Allow(StreamState.HalfClosedRemote, StreamInput.SendRstStream, StreamState.Closed);
        Allow(StreamState.HalfClosedRemote, StreamInput.RecvRstStream, StreamState.Closed);
        Outcome(StreamState.HalfClosedRemote, StreamInput.RecvHeaders, TransitionOutcome.StreamClosedError);
        Outcome(StreamState.HalfClosedRemote, StreamInput.RecvData, TransitionOutcome.StreamClosedError);
        Outcome(StreamState.HalfClosedRemote, StreamInput.RecvPushPromise, TransitionOutcome.StreamClosedError);

        // closed: "An endpoint MUST NOT send frames other than PRIORITY on a closed stream";
        // WINDOW_UPDATE or RST_STREAM may still arrive "in the time before the peer receives
        // and processes the frame that closes the stream". Streams leave memory when they close,
        // so this row serves the closed-stream record (late frames) only.
        Outcome(StreamState.Closed, StreamInput.RecvWindowUpdate, TransitionOutcome.Ignore);
        Outcome(StreamState.Closed, StreamInput.RecvRstStream, TransitionOutcome.Ignore);
        Outcome(StreamState.Closed, StreamInput.RecvHeaders, TransitionOutcome.StreamClosedError);
        Outcome(StreamState.Closed, StreamInput.RecvData, TransitionOutcome.StreamClosedError);
        return t;
    }
}
