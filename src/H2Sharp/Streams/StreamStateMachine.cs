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

    private const int ReasonCount = (int)StreamCloseReason.Forgotten + 1;

    /// <summary>
    /// The closed state split by why the stream closed, indexed by reason then input: what a frame
    /// that arrives after the stream left memory gets. Inputs missing from a row are
    /// <see cref="TransitionOutcome.Forbidden"/> (the receiver's own rule applies: PUSH_PROMISE).
    /// Every receiver asks it through <see cref="StreamManager.Receive"/>; none decides on its own.
    /// Declared before <see cref="Table"/>: static fields initialise in order, and Build copies a row.
    /// </summary>
    private static readonly TransitionOutcome[] ClosedRows = BuildClosed();

    /// <summary>The table, indexed by state then input.</summary>
    public static readonly Transition<StreamState>[] Table = Build();

    /// <summary>Looks up what <paramref name="input"/> does in <paramref name="state"/>.</summary>
    public static Transition<StreamState> Lookup(StreamState state, StreamInput input) =>
        Table[((int)state * InputCount) + (int)input];

    /// <summary>Looks up what a received <paramref name="input"/> does on a stream closed for <paramref name="reason"/>.</summary>
    public static TransitionOutcome LookupClosed(StreamCloseReason reason, StreamInput input) =>
        ClosedRows[((int)reason * InputCount) + (int)input];

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

        // closed: "An endpoint MUST NOT send frames other than PRIORITY on a closed stream".
        // Streams leave memory when they close, and what a late frame gets depends on why the
        // stream closed: ClosedTable has one row per reason. This row is a copy of its
        // Forgotten row (closed, reason unknown), so the two tables cannot disagree.
        foreach (var i in Enum.GetValues<StreamInput>())
        {
            var late = ClosedRows[((int)StreamCloseReason.Forgotten * InputCount) + (int)i];
            if (late != TransitionOutcome.Forbidden)
            {
                Outcome(StreamState.Closed, i, late);
            }
        }

        return t;
    }

    private static TransitionOutcome[] BuildClosed()
    {
        var t = new TransitionOutcome[ReasonCount * InputCount];
        void Row(StreamCloseReason r, TransitionOutcome headersAndData)
        {
            t[((int)r * InputCount) + (int)StreamInput.RecvHeaders] = headersAndData;
            t[((int)r * InputCount) + (int)StreamInput.RecvData] = headersAndData;

            // "An endpoint that sends a frame with the END_STREAM flag set or a RST_STREAM frame
            // might receive a WINDOW_UPDATE or RST_STREAM frame from its peer in the time before
            // the peer receives and processes the frame that closes the stream": never an error
            // (and RFC 9113 5.4.2: "an endpoint MUST NOT send a RST_STREAM in response to a RST_STREAM frame").
            t[((int)r * InputCount) + (int)StreamInput.RecvWindowUpdate] = TransitionOutcome.Ignore;
            t[((int)r * InputCount) + (int)StreamInput.RecvRstStream] = TransitionOutcome.Ignore;
        }

        // Closed by END_STREAM both ways: the peer sent END_STREAM, so DATA or HEADERS after it is
        // its fault. RFC 9113 5.1: "An endpoint MAY treat receipt of any other type of frame on a
        // closed stream as a connection error of type STREAM_CLOSED" (RFC 7540 said MUST);
        // h2, nghttpd and Kestrel do, in both roles.
        Row(StreamCloseReason.EndStreamSent, TransitionOutcome.ConnectionClosedError);
        Row(StreamCloseReason.EndStreamReceived, TransitionOutcome.ConnectionClosedError);

        // We sent RST_STREAM: "An endpoint MUST minimally process and then discard any frames it
        // receives in this state. This means updating header compression state for HEADERS and
        // PUSH_PROMISE frames. ... the content of DATA frames counts toward the connection flow-control window."
        Row(StreamCloseReason.ResetByUs, TransitionOutcome.Ignore);

        // The peer sent RST_STREAM: "An endpoint that receives any frame other than PRIORITY
        // after receiving a RST_STREAM MUST treat that as a stream error of type STREAM_CLOSED."
        Row(StreamCloseReason.ResetByPeer, TransitionOutcome.StreamClosedError);

        // Closed so long ago the reason is gone: a stream error, which is right for every reason
        // but a reset of ours, and costs the connection nothing.
        Row(StreamCloseReason.Forgotten, TransitionOutcome.StreamClosedError);
        return t;
    }
}
