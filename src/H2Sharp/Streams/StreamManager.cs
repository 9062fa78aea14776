using System.Collections.Generic;

namespace H2Sharp;

/// <summary>
/// The live streams (O(1) lookup by id), the highest ids each side used, the counts of active
/// streams each way, and the record of recently closed streams. Every state change goes
/// through <see cref="Apply"/>, which turns the shared stream state machine and keeps the
/// counts and the record right.
/// </summary>
internal sealed class StreamManager
{
    // Closed stream objects are reused for new streams, so a request/response allocates no
    // H2Stream once the connection is warm. A stream that closes goes to _retired first and is
    // handed out again only after ReleaseRetired, which the connection calls between frames and
    // between actions: code that still holds the closed stream in the same call never sees it
    // turn into another stream. The pool keeps at most this many (the memory of a burst of
    // closes is returned to the GC).
    private const int MaxPooledStreams = 32;

    private readonly Dictionary<int, H2Stream> _streams = new();
    private readonly bool _client;
    private readonly Stack<H2Stream> _free = new();
    private readonly List<H2Stream> _retired = new();

    public StreamManager(bool client, int maxClosedStreams)
    {
        _client = client;
        Closed = new ClosedStreamRecord(maxClosedStreams);
    }

    public ClosedStreamRecord Closed { get; }

    /// <summary>The highest stream id the peer opened or promised (0 if none).</summary>
    public int HighestInbound { get; set; }

    /// <summary>The highest stream id we opened or promised (0 if none).</summary>
    public int HighestOutbound { get; set; }

    /// <summary>Active (open or half-closed) streams the peer started.</summary>
    public int OpenInbound { get; private set; }

    /// <summary>Active (open or half-closed) streams we started.</summary>
    public int OpenOutbound { get; private set; }

    /// <summary>Streams the peer started (or promised) that are in memory: active and reserved.</summary>
    public int LiveInbound { get; private set; }

    /// <summary>Streams in memory.</summary>
    public int LiveCount => _streams.Count;

    /// <summary>The live streams, for settings changes and GOAWAY (not a per-frame path).</summary>
    public Dictionary<int, H2Stream>.ValueCollection All => _streams.Values;

    /// <summary>Whether we start streams with this id (clients odd, servers even).</summary>
    public bool IsLocal(int streamId) => ((streamId & 1) == 1) == _client;

    public H2Stream? Get(int streamId) => _streams.TryGetValue(streamId, out var s) ? s : null;

    /// <summary>Classifies a stream id that is not live, and gives the close reason when known.</summary>
    public StreamLookup Find(int streamId, out H2Stream? stream, out StreamCloseReason reason)
    {
        reason = default;
        if (_streams.TryGetValue(streamId, out stream))
        {
            return StreamLookup.Live;
        }

        int highest = IsLocal(streamId) ? HighestOutbound : HighestInbound;
        if (streamId > highest)
        {
            return StreamLookup.Idle;
        }

        if (Closed.TryGet(streamId, out reason))
        {
            return StreamLookup.Closed;
        }

        return streamId <= Closed.ForgottenUpTo ? StreamLookup.ClosedLongAgo : StreamLookup.Skipped;
    }

    /// <summary>
    /// The one place a received frame meets the stream lifecycle: what <paramref name="input"/> on
    /// <paramref name="streamId"/> gets. A live stream answers from its state's row of the state
    /// table (the caller still applies the transition); a closed one from the closed row of the
    /// reason it closed (<see cref="StreamStateMachine.LookupClosed"/>); an idle or skipped id
    /// gives <see cref="TransitionOutcome.Forbidden"/>, and <paramref name="lookup"/> tells the
    /// receiver which (HEADERS may open a stream there; other frames are a connection error).
    /// </summary>
    public TransitionOutcome Receive(int streamId, StreamInput input, out H2Stream? stream, out StreamLookup lookup)
    {
        lookup = Find(streamId, out stream, out var reason);
        return lookup switch
        {
            StreamLookup.Live => StreamStateMachine.Lookup(stream!.State, input).Outcome,
            StreamLookup.Closed => StreamStateMachine.LookupClosed(reason, input),
            StreamLookup.ClosedLongAgo => StreamStateMachine.LookupClosed(StreamCloseReason.Forgotten, input),
            _ => TransitionOutcome.Forbidden,
        };
    }

    /// <summary>Creates a stream in the idle state and marks its id used.</summary>
    public H2Stream Create(int streamId, bool local, long sendWindow, long receiveWindow)
    {
        H2Stream stream;
        if (_free.TryPop(out H2Stream? reused))
        {
            reused.Reset(streamId, local, (int)sendWindow, (int)receiveWindow);
            stream = reused;
        }
        else
        {
            stream = new H2Stream(streamId, local, (int)sendWindow, (int)receiveWindow);
        }

        _streams.Add(streamId, stream);
        if (local)
        {
            HighestOutbound = streamId;
        }
        else
        {
            HighestInbound = streamId;
            LiveInbound++;
        }

        return stream;
    }

    /// <summary>
    /// Turns the stream state machine. On <see cref="TransitionOutcome.Allow"/> the stream moves
    /// (and leaves memory when it reaches closed); any other outcome leaves it unchanged.
    /// </summary>
    public TransitionOutcome Apply(H2Stream stream, StreamInput input)
    {
        var t = StreamStateMachine.Lookup(stream.State, input);
        if (t.Outcome != TransitionOutcome.Allow)
        {
            return t.Outcome;
        }

        Move(stream, t.Next, input switch
        {
            StreamInput.SendRstStream => StreamCloseReason.ResetByUs,
            StreamInput.RecvRstStream => StreamCloseReason.ResetByPeer,
            StreamInput.RecvEndStream => StreamCloseReason.EndStreamReceived,
            _ => StreamCloseReason.EndStreamSent,
        });
        return TransitionOutcome.Allow;
    }

    /// <summary>Closes a live stream outside the table (GOAWAY refusal, refused new streams).</summary>
    public void ForceClose(H2Stream stream, StreamCloseReason reason) => Move(stream, StreamState.Closed, reason);

    /// <summary>Records an id that never got a live stream (a refused or discarded new stream) as closed.</summary>
    public void RecordClosed(int streamId, StreamCloseReason reason)
    {
        if (IsLocal(streamId))
        {
            if (streamId > HighestOutbound)
            {
                HighestOutbound = streamId;
            }
        }
        else if (streamId > HighestInbound)
        {
            HighestInbound = streamId;
        }

        Closed.Add(streamId, reason);
    }

    private void Move(H2Stream stream, StreamState next, StreamCloseReason reason)
    {
        bool wasActive = StreamStateMachine.IsActive(stream.State);
        bool isActive = StreamStateMachine.IsActive(next);
        stream.State = next;
        if (wasActive != isActive)
        {
            int delta = isActive ? 1 : -1;
            if (stream.LocallyInitiated)
            {
                OpenOutbound += delta;
            }
            else
            {
                OpenInbound += delta;
            }
        }

        if (next == StreamState.Closed)
        {
            _streams.Remove(stream.Id);
            if (!stream.LocallyInitiated)
            {
                LiveInbound--;
            }

            Closed.Add(stream.Id, reason);
            if (_free.Count + _retired.Count < MaxPooledStreams)
            {
                _retired.Add(stream);
            }
        }
    }

    /// <summary>
    /// Makes the streams closed since the last call available for reuse. Call only where no
    /// code holds a stream reference: between frames and at the start of an action.
    /// </summary>
    public void ReleaseRetired()
    {
        if (_retired.Count == 0)
        {
            return;
        }

        for (int i = 0; i < _retired.Count; i++)
        {
            _free.Push(_retired[i]);
        }

        _retired.Clear();
    }
}
