using System;
using System.Buffers;
using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>
/// One HTTP/2 connection, client or server, with no I/O (h2's <c>H2Connection</c>): pass the
/// bytes you receive to <see cref="ReceiveData(ReadOnlySpan{byte})"/> and act on the events it returns; call the
/// Send methods to act; send what <see cref="DataToSend(int?)"/> (or
/// <see cref="PendingOutboundData"/>) gives you. See docs/connection.md.
/// </summary>
/// <remarks>
/// Not thread-safe: use one connection from one thread at a time (lock around it, or give it
/// to one task). A misuse by the caller throws <see cref="InvalidOperationException"/> (or a
/// subclass such as <see cref="StreamClosedException"/>) or <see cref="ArgumentException"/> and
/// leaves the connection usable; a protocol error by the peer either resets one stream (reported
/// as <see cref="StreamReset"/>) or, for connection errors, queues GOAWAY and throws a
/// <see cref="ProtocolException"/> from <see cref="ReceiveData(ReadOnlySpan{byte})"/>. See docs/errors.md.
/// </remarks>
public sealed partial class H2Connection
{
    private readonly ConnectionCore _core;
    private readonly PrefaceReceiver _preface;
    private readonly HeaderBlockReceiver _headers;
    private readonly HeaderBlockSender _headerSender;
    private readonly DataReceiver _data;
    private readonly DataSender _dataSender;
    private readonly ControlFrameReceiver _control;
    private readonly PriorityReceiver _priority;
    private bool _settingsReceived;

    // A server that received data before InitiateConnection started itself; the caller's own
    // InitiateConnection that follows (the order h2 allows) is then a no-op, once.
    private bool _initiatedImplicitly;

    /// <summary>Creates a connection.</summary>
    /// <param name="config">The configuration; null for a client with the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A configuration value is out of range.</exception>
    public H2Connection(H2Configuration? config = null)
    {
        config ??= new H2Configuration();
        config.Validate();
        Config = config;
        _core = new ConnectionCore(config);
        _preface = new PrefaceReceiver(expected: !config.ClientSide);
        _headers = new HeaderBlockReceiver(_core);
        _headerSender = new HeaderBlockSender(_core);
        _data = new DataReceiver(_core);
        _dataSender = new DataSender(_core);
        _control = new ControlFrameReceiver(_core);
        _priority = new PriorityReceiver(_core);
        _core.Out.Tracer = config.Logger is null ? null : new FrameTracer(config.Logger, config.ClientSide);
    }

    /// <summary>
    /// The configuration this connection was created with. Its values are read once; the header
    /// switches that may change on a live connection are in <see cref="HeaderOptions"/>.
    /// </summary>
    public H2Configuration Config { get; }

    /// <summary>
    /// The header switches of this connection, changeable while it runs (h2's
    /// <c>config.header_encoding</c>, <c>validate_*</c> and <c>normalize_*</c> flags): they start
    /// as <see cref="Config"/>'s and apply from the next header block. Change them only from the
    /// code that owns the connection, between calls.
    /// </summary>
    public H2HeaderOptions HeaderOptions => _core.HeaderOptions;

    /// <summary>Our settings: values in force, with changes pending until the peer acknowledges them.</summary>
    public H2Settings LocalSettings => _core.Settings.Local;

    /// <summary>The peer's settings in force.</summary>
    public H2Settings RemoteSettings => _core.Settings.Remote;

    /// <summary>The largest frame payload we accept now (our acknowledged SETTINGS_MAX_FRAME_SIZE).</summary>
    public int MaxInboundFrameSize => _core.Reader.MaxFrameSize;

    /// <summary>The largest frame payload we may send (the peer's SETTINGS_MAX_FRAME_SIZE).</summary>
    public int MaxOutboundFrameSize => _core.MaxOutboundFrameSize;

    /// <summary>Streams the peer opened that are open or half-closed.</summary>
    public int OpenInboundStreams => _core.Streams.OpenInbound;

    /// <summary>Streams we opened that are open or half-closed.</summary>
    public int OpenOutboundStreams => _core.Streams.OpenOutbound;

    /// <summary>The highest stream id the peer has opened (the default last stream id of <see cref="CloseConnection"/>).</summary>
    public int HighestInboundStreamId => _core.Streams.HighestInbound;

    /// <summary>How many closed streams are remembered (h2's <c>MAX_CLOSED_STREAMS</c>; see <see cref="H2Configuration.MaxClosedStreams"/>).</summary>
    public int MaxClosedStreams => Config.MaxClosedStreams;

    /// <summary>
    /// Starts the connection: a client queues the connection preface and its SETTINGS, a server
    /// its SETTINGS; both add a WINDOW_UPDATE when <see cref="H2Configuration.InitialConnectionWindowSize"/>
    /// is above 65,535. Call once, before anything else, and send <see cref="DataToSend(int?)"/>.
    /// A server that called <see cref="ReceiveData(ReadOnlySpan{byte})"/> first was started by it (its SETTINGS is
    /// queued before any answer, as RFC 9113 section 3.4 requires); its first call here then does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called twice, or after <see cref="InitiateUpgradeConnection"/>.</exception>
    public void InitiateConnection()
    {
        if (_initiatedImplicitly)
        {
            _initiatedImplicitly = false;
            return;
        }

        if (_core.Fsm.Process(ConnectionInput.Initiate) != TransitionOutcome.Allow)
        {
            throw new InvalidOperationException("The connection was already started (InitiateConnection or InitiateUpgradeConnection); call it once per connection.");
        }

        if (Config.ClientSide)
        {
            var span = _core.Out.GetSpan(PrefaceReceiver.Preface.Length);
            PrefaceReceiver.Preface.CopyTo(span);
            _core.Out.Advance(PrefaceReceiver.Preface.Length);
        }

        _core.Settings.SendInitial();
        _core.Flow.SendInitialConnectionWindow();
    }

    /// <summary>
    /// As <see cref="ReceiveData(ReadOnlySpan{byte})"/>, without copying bodies: the payload of a
    /// DATA frame that arrived whole in <paramref name="data"/> is lent to its
    /// <see cref="DataReceived"/> as a slice of <paramref name="data"/> (<see cref="DataReceived.Span"/>,
    /// <see cref="DataReceived.IsBorrowed"/> true); only a payload cut across calls is copied.
    /// A lent slice is valid until the next <c>ReceiveData</c> call, and only while the caller
    /// leaves that memory unchanged: read it before the receive buffer is reused, or keep a copy
    /// (<see cref="DataReceived.CopyData"/>, or read <see cref="DataReceived.Data"/>, which copies on
    /// first use). See docs/connection.md ("Receiving without copies").
    /// </summary>
    /// <param name="data">The bytes received; bodies may be handed out as slices of this memory.</param>
    /// <returns>The events, possibly none.</returns>
    /// <exception cref="ProtocolException">As for <see cref="ReceiveData(ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="InvalidOperationException">As for <see cref="ReceiveData(ReadOnlySpan{byte})"/>.</exception>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(-1)]
    public IReadOnlyList<H2Event> ReceiveData(ReadOnlyMemory<byte> data)
    {
        if (!CanReceive())
        {
            return Array.Empty<H2Event>();
        }

        Process(data);
        return _core.TakeEvents();
    }

    /// <summary>
    /// As <see cref="ReceiveData(ReadOnlyMemory{byte})"/>, for a sequence of segments (what a
    /// <c>System.IO.Pipelines.PipeReader</c> returns): each segment is processed in order,
    /// bodies whole in a segment are lent (a payload is still lent when only its 9-octet frame
    /// header was in the previous segment), and the events of all segments come back in one list.
    /// Lent slices are valid until the next <c>ReceiveData</c> call and while the sequence's
    /// memory is unchanged: call <c>PipeReader.AdvanceTo</c> after handling the events.
    /// </summary>
    /// <param name="data">The bytes received.</param>
    /// <returns>The events, possibly none.</returns>
    /// <exception cref="ProtocolException">As for <see cref="ReceiveData(ReadOnlySpan{byte})"/>.</exception>
    /// <exception cref="InvalidOperationException">As for <see cref="ReceiveData(ReadOnlySpan{byte})"/>.</exception>
    public IReadOnlyList<H2Event> ReceiveData(in ReadOnlySequence<byte> data)
    {
        if (!CanReceive())
        {
            return Array.Empty<H2Event>();
        }

        if (data.IsSingleSegment)
        {
            Process(data.First);
        }
        else
        {
            foreach (ReadOnlyMemory<byte> segment in data)
            {
                if (_core.Fsm.State == ConnectionState.Closed)
                {
                    break;
                }

                Process(segment);
            }
        }

        return _core.TakeEvents();
    }

    /// <summary>
    /// Hands received bytes to the connection and returns the events they caused, in order.
    /// Partial frames are kept until the rest arrives. Answers the stack owes the peer (PING
    /// ACK, SETTINGS ACK, RST_STREAM for stream errors, WINDOW_UPDATE) are queued for sending.
    /// After a connection error (or our GOAWAY with an error) further bytes are ignored.
    /// Each <see cref="DataReceived"/> owns a copy of its payload; to receive bodies without a
    /// copy, pass memory (<see cref="ReceiveData(ReadOnlyMemory{byte})"/>).
    /// </summary>
    /// <param name="data">The bytes received.</param>
    /// <returns>The events, possibly none.</returns>
    /// <exception cref="ProtocolException">
    /// A connection error (or a subtype: <see cref="FlowControlException"/>, <see cref="FrameTooLargeException"/>,
    /// <see cref="DenialOfServiceException"/>, <see cref="InvalidSettingsValueException"/>, HPACK's
    /// COMPRESSION_ERROR): GOAWAY with <see cref="ProtocolException.ErrorCode"/> is queued and the
    /// connection is closed. Only the peer's faults are reported so.
    /// </exception>
    /// <exception cref="InvalidOperationException">A client called it before <see cref="InitiateConnection"/> (a server is started by it instead: see <see cref="InitiateConnection"/>).</exception>
    public IReadOnlyList<H2Event> ReceiveData(ReadOnlySpan<byte> data)
    {
        if (!CanReceive())
        {
            return Array.Empty<H2Event>();
        }

        Process(data);
        return _core.TakeEvents();
    }

    /// <summary>False when closed (input is ignored); throws before <see cref="InitiateConnection"/>.</summary>
    private bool CanReceive()
    {
        switch (_core.Fsm.State)
        {
            case ConnectionState.Idle when !Config.ClientSide:
                // h2 lets a server read the client preface before initiate_connection. Starting
                // here keeps RFC 9113 3.4: "The server connection preface ... MUST be the first
                // frame the server sends", so our SETTINGS goes out before the ACK it will owe.
                InitiateConnection();
                _initiatedImplicitly = true;
                return true;
            case ConnectionState.Idle:
                throw new InvalidOperationException("The connection is not started: a client calls InitiateConnection (or InitiateUpgradeConnection) before ReceiveData, since a client speaks first (RFC 9113 section 3.4).");
            case ConnectionState.Closed:
                return false;
            default:
                return true;
        }
    }

    /// <summary>Reads frames from memory whose DATA payloads may be lent to events.</summary>
    private void Process(ReadOnlyMemory<byte> data)
    {
        _core.BorrowedInput = data;
        try
        {
            Process(data.Span);
        }
        finally
        {
            _core.BorrowedInput = default;
        }
    }

    private void Process(ReadOnlySpan<byte> data)
    {
        var tracer = _core.Out.Tracer;
        tracer?.Flush(_core.Out.Pending.Span);
        try
        {
            if (!_preface.Done)
            {
                _preface.Consume(ref data);
            }

            while (_core.Fsm.State != ConnectionState.Closed && _core.Reader.TryReadFrame(ref data, out var header, out var payload))
            {
                tracer?.Received(header, payload);
                Dispatch(header, payload);
            }
        }
        catch (ProtocolException ex)
        {
            Fail(ex.ErrorCode);
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never let anything but a documented exception escape, whatever the bytes.
            Fail(ErrorCode.InternalError);
            throw new ProtocolException("Internal error while processing received data: " + ex.Message, ErrorCode.InternalError, 0, ex);
        }
        finally
        {
            tracer?.Flush(_core.Out.Pending.Span);
        }
    }

    private void Dispatch(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        // RFC 9113 6.10 / 4.3: a header block is a contiguous sequence of frames; "a receiver
        // MUST treat the receipt of any other type of frame or a frame on a different stream as
        // a connection error of type PROTOCOL_ERROR."
        if (_headers.InBlock)
        {
            if (header.Type != FrameType.Continuation || header.StreamId != _headers.StreamId)
            {
                throw new ProtocolException($"A {header.Type} frame on stream {header.StreamId} arrived inside the header block of stream {_headers.StreamId}; only CONTINUATION may.", ErrorCode.ProtocolError, 0);
            }

            _headers.OnContinuation(header, payload);
            return;
        }

        // RFC 9113 3.4: "the first frame sent ... MUST be a SETTINGS frame".
        if (!_settingsReceived)
        {
            if (header.Type != FrameType.Settings || (header.Flags & FrameFlags.Ack) != 0)
            {
                throw new ProtocolException($"The peer's first frame must be SETTINGS, not {header.Type} (RFC 9113 section 3.4).", ErrorCode.ProtocolError, 0);
            }

            _settingsReceived = true;
        }

        switch (header.Type)
        {
            case FrameType.Headers:
                _headers.OnHeaders(header, payload);
                return;
            case FrameType.PushPromise:
                _headers.OnPushPromise(header, payload);
                return;
            case FrameType.Continuation:
                // RFC 9113 6.10: CONTINUATION only follows a frame without END_HEADERS (h2 3.0.1).
                throw new ProtocolException($"CONTINUATION on stream {header.StreamId} without a header block in progress.", ErrorCode.ProtocolError, 0);
        }

        // Frame type 0x10 is RFC 9218's PRIORITY_UPDATE only once that scheme is in use, which the
        // setting is the one signal of (RFC 9218 2.1.1: without it, PRIORITY_UPDATE frames "are
        // likely to be ignored"); otherwise it is an unknown frame, as in h2 (RFC 9113 5.5:
        // "Implementations MUST ignore unknown or unsupported values in all extensible protocol elements").
        bool unknown = header.Type == FrameType.PriorityUpdate && !PrioritySignals.ExtensiblePrioritiesInUse(_core);
        var outcome = _core.Fsm.Process(unknown ? ConnectionInput.RecvUnknown : InputFor(header.Type));
        if (outcome == TransitionOutcome.Forbidden)
        {
            throw new ProtocolException($"A {(Config.ClientSide ? "server" : "client")} may not send {header.Type} frames here.", ErrorCode.ProtocolError, 0);
        }

        if (outcome == TransitionOutcome.Ignore)
        {
            return;
        }

        if (unknown)
        {
            _control.OnUnknown(header, payload);
            return;
        }

        switch (header.Type)
        {
            case FrameType.Data: _data.OnData(header, payload); break;
            case FrameType.Priority: _priority.OnPriority(header, payload); break;
            case FrameType.RstStream: _control.OnRstStream(header, payload); break;
            case FrameType.Settings: _core.Settings.OnSettings(header, payload); break;
            case FrameType.Ping: _control.OnPing(header, payload); break;
            case FrameType.GoAway: _control.OnGoAway(header, payload); break;
            case FrameType.WindowUpdate: _core.Flow.OnWindowUpdate(header, payload); break;
            case FrameType.AltSvc: _control.OnAltSvc(header, payload); break;
            case FrameType.PriorityUpdate: PriorityUpdates.OnPriorityUpdate(header, payload); break;
            default: _control.OnUnknown(header, payload); break;
        }
    }

    private static ConnectionInput InputFor(FrameType type) => type switch
    {
        FrameType.Data => ConnectionInput.RecvData,
        FrameType.Priority => ConnectionInput.RecvPriority,
        FrameType.RstStream => ConnectionInput.RecvRstStream,
        FrameType.Settings => ConnectionInput.RecvSettings,
        FrameType.Ping => ConnectionInput.RecvPing,
        FrameType.GoAway => ConnectionInput.RecvGoAway,
        FrameType.WindowUpdate => ConnectionInput.RecvWindowUpdate,
        FrameType.AltSvc => ConnectionInput.RecvAltSvc,
        FrameType.PriorityUpdate => ConnectionInput.RecvPriorityUpdate,
        _ => ConnectionInput.RecvUnknown,
    };

    /// <summary>A connection error: GOAWAY with the code and the last stream we processed, then closed.</summary>
    private void Fail(ErrorCode code)
    {
        _core.TakeEvents();
        if (_core.Fsm.State != ConnectionState.Closed)
        {
            // RFC 9113 5.4.1: "An endpoint that encounters a connection error SHOULD first send a
            // GOAWAY frame ... with the stream identifier of the last stream that it successfully
            // received from its peer."
            FrameWriter.WriteGoAway(_core.Out, _core.Streams.HighestInbound, code, ReadOnlySpan<byte>.Empty);
            _core.Fsm.Close();
        }
    }
}
