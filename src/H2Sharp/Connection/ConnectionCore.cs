using System;
using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Hpack;

namespace H2Sharp;

/// <summary>
/// The state the parts of a connection share (state machines, streams, settings, windows,
/// HPACK contexts, outbound buffer, ledger) and the few actions several parts need: queueing
/// automatic answers, stream errors, and collecting events. Each part owns its own frames.
/// </summary>
internal sealed class ConnectionCore : IConnectionOutput
{
    // Reused across ReceiveData calls; the caller gets an exact-size copy, so a call costs one
    // array of its events instead of a List and its doubling growth.
    private readonly List<H2Event> _events = new();

    public ConnectionCore(H2Configuration config)
    {
        Config = config;
        HeaderOptions = new H2HeaderOptions(config);
        Client = config.ClientSide;
        Fsm = new ConnectionStateMachine(Client);
        Ledger = new ConnectionLedger(config);
        Streams = new StreamManager(Client, config.MaxClosedStreams);
        Decoder = new HpackDecoder(HpackDecoder.DefaultTableSize, (int)System.Math.Min(config.MaxHeaderListSize, int.MaxValue));
        Encoder = new HpackEncoder { MaxTableSizeLimit = config.MaxEncoderTableSize };
        Reader = new FrameReader();
        // Flow control and the SETTINGS exchange get what they use, not the core: no circle.
        Flow = new FlowController(this, Streams, config.InitialConnectionWindowSize);
        Settings = new SettingsExchange(this, config, Ledger, Flow, Decoder, Encoder, Reader);
        Admission = new StreamAdmission(this);
    }

    public H2Configuration Config { get; }

    /// <summary>The header switches in force now (the caller may change them between calls).</summary>
    public H2HeaderOptions HeaderOptions { get; }

    public bool Client { get; }

    public ConnectionStateMachine Fsm { get; }

    public ConnectionLedger Ledger { get; }

    public StreamManager Streams { get; }

    public SettingsExchange Settings { get; }

    /// <summary>Which streams may come into being: id order, concurrency limits, refusals; creates every stream.</summary>
    public StreamAdmission Admission { get; }

    public FlowController Flow { get; }

    public HpackDecoder Decoder { get; }

    public HpackEncoder Encoder { get; }

    public FrameReader Reader { get; }

    public OutboundBuffer Out { get; } = new();

    /// <summary>The last stream id of the graceful GOAWAY we sent, or null.</summary>
    public int? LocalGoAwayLastStreamId { get; set; }

    /// <summary>The last stream id of the GOAWAY we received, or null.</summary>
    public int? RemoteGoAwayLastStreamId { get; set; }

    /// <summary>The largest frame payload we may send (the peer's SETTINGS_MAX_FRAME_SIZE).</summary>
    public int MaxOutboundFrameSize => (int)Settings.Remote.MaxFrameSize;

    /// <summary>The caller's memory during <c>ReceiveData(ReadOnlyMemory)</c>, else empty: bodies found in it are lent, not copied.</summary>
    public ReadOnlyMemory<byte> BorrowedInput { get; set; }

    /// <summary>
    /// A body as memory the event can carry: a slice of <see cref="BorrowedInput"/> when the
    /// bytes lie in it (the frame arrived whole in the caller's memory), else an owned copy
    /// (a frame cut across calls sits in the reader's reused buffer).
    /// </summary>
    public ReadOnlyMemory<byte> Lend(ReadOnlySpan<byte> body, out bool borrowed)
    {
        if (!BorrowedInput.IsEmpty && BorrowedInput.Span.Overlaps(body, out int offset))
        {
            borrowed = true;
            return BorrowedInput.Slice(offset, body.Length);
        }

        borrowed = false;
        return body.ToArray();
    }

    /// <summary>Adds an event to the list <c>ReceiveData</c> returns.</summary>
    public void Emit(H2Event e) => _events.Add(e);

    /// <summary>Takes the events collected so far.</summary>
    public IReadOnlyList<H2Event> TakeEvents()
    {
        if (_events.Count == 0)
        {
            return System.Array.Empty<H2Event>();
        }

        var events = _events.ToArray();
        _events.Clear();
        return events;
    }

    /// <summary>Marks the start of an automatic answer; pass the result to <see cref="EndControl"/>.</summary>
    public int BeginControl() => Out.Length;

    /// <summary>Charges the automatic answer written since <paramref name="before"/> to the ledger.</summary>
    public void EndControl(int before) => Ledger.ChargeControlBytes(Out.Length - before, before);

    /// <summary>
    /// A stream error (RFC 9113 5.4.2): queues RST_STREAM, closes the stream if it is live and
    /// reports it with a <see cref="StreamReset"/> (RemoteReset false). The connection goes on.
    /// </summary>
    public void StreamError(int streamId, ErrorCode code, ProtocolException? cause)
    {
        Ledger.ChargeStreamError(peerStream: !Streams.IsLocal(streamId));
        int before = BeginControl();
        FrameWriter.WriteRstStream(Out, streamId, code);
        EndControl(before);
        var stream = Streams.Get(streamId);
        if (stream is not null)
        {
            Streams.Apply(stream, StreamInput.SendRstStream);
            Emit(new StreamReset { StreamId = streamId, ErrorCode = code, RemoteReset = false, Error = cause });
        }
    }

    /// <summary>Answers a frame on a closed stream with RST_STREAM only (no event: the stream was already reported closed).</summary>
    public void ResetClosedStream(int streamId, ErrorCode code)
    {
        Ledger.ChargeGlitch();
        int before = BeginControl();
        FrameWriter.WriteRstStream(Out, streamId, code);
        EndControl(before);
    }
}
