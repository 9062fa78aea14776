using System;
using System.Collections.Generic;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>The caller's actions: streams, headers, data, resets, settings, pings, shutdown, flow control.</summary>
public sealed partial class H2Connection
{
    /// <summary>
    /// The next stream id this side may open: odd for clients, even for servers. It does not
    /// change until that id is used, so call it right before opening the stream.
    /// </summary>
    /// <returns>The stream id.</returns>
    /// <exception cref="NoAvailableStreamIdException">All stream ids are used up; open a new connection.</exception>
    public int GetNextAvailableStreamId()
    {
        return _core.Admission.NextOutboundId();
    }

    /// <summary>
    /// Sends a header block on a stream: a client's request (opening the stream) or trailers; a
    /// server's informational (1xx) responses, final response, or trailers. Blocks larger than
    /// the peer's frame size go out as HEADERS plus CONTINUATION frames.
    /// </summary>
    /// <param name="streamId">The stream; a client opens a new one with <see cref="GetNextAvailableStreamId"/>.</param>
    /// <param name="headers">The fields, pseudo-headers first.</param>
    /// <param name="endStream">True if nothing follows (no body); trailers must end the stream.</param>
    /// <param name="priorityWeight">RFC 7540 priority weight, 1 to 256 (client only); null for none.</param>
    /// <param name="priorityDependsOn">RFC 7540 dependency (client only); null for none.</param>
    /// <param name="priorityExclusive">RFC 7540 exclusive flag (client only); null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stream id is not positive or is lower than one already used, or the weight is not 1 to 256.</exception>
    /// <exception cref="NoSuchStreamException">The stream is the peer's and was never opened (a server answering before the request, a client using an even id).</exception>
    /// <exception cref="ArgumentException">The block breaks a header rule of RFC 9113 section 8 (the message names it), trailers without <paramref name="endStream"/>, a 1xx with it, or a stream depending on itself.</exception>
    /// <exception cref="StreamClosedException">The stream was closed or this side already ended it.</exception>
    /// <exception cref="TooManyStreamsException">The peer's SETTINGS_MAX_CONCURRENT_STREAMS is reached.</exception>
    /// <exception cref="InvalidOperationException">The connection is not started or is closed, or a GOAWAY forbids new streams.</exception>
    /// <exception cref="EndpointRoleException">A server opened a stream with headers, or passed priority information.</exception>
    public void SendHeaders(int streamId, IReadOnlyList<HeaderField> headers, bool endStream = false,
        int? priorityWeight = null, int? priorityDependsOn = null, bool? priorityExclusive = null)
    {
        PriorityInfo? priority = null;
        if (priorityWeight is not null || priorityDependsOn is not null || priorityExclusive is not null)
        {
            if (!Config.ClientSide)
            {
                throw new EndpointRoleException("Servers SHOULD NOT prioritize streams (h2's RFC1122Error): send the headers without priority.");
            }

            int weight = priorityWeight ?? 16;
            if (weight is < 1 or > 256)
            {
                throw new ArgumentOutOfRangeException(nameof(priorityWeight), weight, "A priority weight is 1 to 256.");
            }

            // RFC 7540 5.3.1 (kept as h2 does): "A stream cannot depend on itself."
            if (priorityDependsOn == streamId)
            {
                throw new ArgumentException($"Stream {streamId} cannot depend on itself (RFC 7540 section 5.3.1); pass another priorityDependsOn, or none.", nameof(priorityDependsOn));
            }

            priority = new PriorityInfo(priorityDependsOn ?? 0, weight, priorityExclusive ?? false);
        }

        _headerSender.SendHeaders(streamId, headers, endStream, priority);
    }

    /// <summary>
    /// Sends one DATA frame. The data must fit the flow-control windows
    /// (<see cref="LocalFlowControlWindow"/>) and the peer's frame size; to send a body of any
    /// size, see <see cref="SendAvailableData"/>.
    /// </summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="data">The data.</param>
    /// <param name="endStream">True to end the stream with this frame.</param>
    /// <param name="padLength">Padding octets, 0 to 255 (counts against the windows); null for none.</param>
    /// <exception cref="InvalidOperationException">The frame exceeds the flow-control windows (wait for <see cref="Events.WindowUpdated"/>), the headers were not sent yet, or the connection is not open.</exception>
    /// <exception cref="ArgumentException">The frame exceeds the peer's SETTINGS_MAX_FRAME_SIZE (<see cref="MaxOutboundFrameSize"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The stream id is not positive, or the padding is not 0 to 255.</exception>
    /// <exception cref="StreamClosedException">The stream is closed or this side already ended it.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public void SendData(int streamId, ReadOnlySpan<byte> data, bool endStream = false, int? padLength = null) =>
        _dataSender.SendData(streamId, data, endStream, padLength);

    /// <summary>
    /// Beyond h2: sends as much of a body as the flow-control windows allow now, in DATA frames
    /// of the peer's maximum frame size, and returns how many octets it sent. END_STREAM is set
    /// only when <paramref name="endStream"/> is true and the last octet goes. Send the rest
    /// after a <see cref="Events.WindowUpdated"/> event.
    /// </summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="data">The body (or what remains of it).</param>
    /// <param name="endStream">True if this is the end of the body.</param>
    /// <returns>Octets sent, from 0 to <c>data.Length</c>.</returns>
    /// <exception cref="StreamClosedException">The stream is closed or this side already ended it.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    /// <exception cref="InvalidOperationException">The headers were not sent yet, or the connection is not open.</exception>
    public int SendAvailableData(int streamId, ReadOnlySpan<byte> data, bool endStream = false) =>
        _dataSender.SendAvailable(streamId, data, endStream);

    /// <summary>Ends this side of a stream with an empty DATA frame carrying END_STREAM.</summary>
    /// <param name="streamId">The stream.</param>
    /// <exception cref="StreamClosedException">The stream is closed or already ended by this side.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public void EndStream(int streamId) => _dataSender.SendData(streamId, ReadOnlySpan<byte>.Empty, true, null);

    /// <summary>Resets a stream (RST_STREAM), closing it at once. To end a stream gracefully use <see cref="EndStream"/>.</summary>
    /// <param name="streamId">The stream.</param>
    /// <param name="errorCode">The code to send; NO_ERROR by default.</param>
    /// <exception cref="StreamClosedException">The stream is already closed.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public void ResetStream(int streamId, ErrorCode errorCode = ErrorCode.NoError)
    {
        CallerChecks.CanSend(_core, ConnectionInput.SendRstStream);
        var stream = CallerChecks.RequireStream(_core, streamId);
        FrameWriter.WriteRstStream(_core.Out, streamId, errorCode);
        _core.Streams.Apply(stream, StreamInput.SendRstStream);
    }

    /// <summary>
    /// Sends GOAWAY. With NO_ERROR this is a graceful shutdown (RFC 9113 section 6.8): streams
    /// at or below <paramref name="lastStreamId"/> go on, new streams from the peer are refused
    /// (RST_STREAM REFUSED_STREAM). With any other code the connection is closed at once.
    /// </summary>
    /// <param name="errorCode">The code; NO_ERROR for a graceful shutdown.</param>
    /// <param name="lastStreamId">The last peer stream that will be processed; defaults to <see cref="HighestInboundStreamId"/>.</param>
    /// <param name="additionalData">Opaque debug data for the peer.</param>
    /// <exception cref="InvalidOperationException">The connection is not started, or already closed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastStreamId"/> is negative.</exception>
    public void CloseConnection(ErrorCode errorCode = ErrorCode.NoError, int? lastStreamId = null, ReadOnlySpan<byte> additionalData = default)
    {
        var input = errorCode == ErrorCode.NoError ? ConnectionInput.SendGoAway : ConnectionInput.SendGoAwayError;
        CallerChecks.CanSend(_core, input);
        int last = lastStreamId ?? _core.Streams.HighestInbound;
        if (last < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lastStreamId), last, "The last stream id cannot be negative.");
        }

        FrameWriter.WriteGoAway(_core.Out, last, errorCode, additionalData);
        _core.Fsm.Process(input);
        if (errorCode == ErrorCode.NoError)
        {
            _core.LocalGoAwayLastStreamId = Math.Min(last, _core.LocalGoAwayLastStreamId ?? int.MaxValue);
        }
    }

    /// <summary>Sends a PING; the answer arrives as <see cref="Events.PingAckReceived"/>.</summary>
    /// <param name="opaqueData">Exactly 8 octets, echoed back by the peer.</param>
    /// <exception cref="ArgumentException">The data is not 8 octets.</exception>
    public void Ping(ReadOnlySpan<byte> opaqueData)
    {
        if (opaqueData.Length != 8)
        {
            throw new ArgumentException($"PING data is exactly 8 octets, not {opaqueData.Length}.", nameof(opaqueData));
        }

        Ping(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(opaqueData));
    }

    /// <summary>Sends a PING with the 8 octets of <paramref name="opaqueData"/> (big-endian).</summary>
    /// <param name="opaqueData">The value echoed back by the peer.</param>
    public void Ping(ulong opaqueData)
    {
        CallerChecks.CanSend(_core, ConnectionInput.SendPing);
        FrameWriter.WritePing(_core.Out, opaqueData, ack: false);
    }

    /// <summary>Sends new values for our settings; they take effect when the peer acknowledges them (<see cref="Events.SettingsAcknowledged"/>).</summary>
    /// <param name="newSettings">The settings to change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="newSettings"/> is null.</exception>
    /// <exception cref="ArgumentException">A value is out of range (nothing is sent; the message names the setting and its range).</exception>
    /// <exception cref="InvalidOperationException">A change the RFCs forbid (ENABLE_CONNECT_PROTOCOL back to 0, NO_RFC7540_PRIORITIES after the first SETTINGS), or the connection is not open.</exception>
    public void UpdateSettings(IEnumerable<KeyValuePair<SettingCode, uint>> newSettings)
    {
        ArgumentNullException.ThrowIfNull(newSettings);
        CallerChecks.CanSend(_core, ConnectionInput.SendSettings);
        _core.Settings.SendUpdate(newSettings);
    }

    /// <summary>
    /// Opens a receive window by hand (WINDOW_UPDATE), letting the peer send more: the
    /// connection's when <paramref name="streamId"/> is null, otherwise that stream's. Use
    /// <see cref="Events.DataReceived.FlowControlledLength"/>; both windows need reopening.
    /// </summary>
    /// <param name="increment">1 to 2^31-1.</param>
    /// <param name="streamId">The stream, or null for the connection.</param>
    /// <exception cref="ArgumentOutOfRangeException">The increment is out of range or would take the window past 2^31-1, or the stream id is not positive (pass null for the connection).</exception>
    /// <exception cref="StreamClosedException">The stream closed so long ago that it is no longer in the closed-stream record (<see cref="MaxClosedStreams"/>).</exception>
    /// <exception cref="NoSuchStreamException">The stream id was never used.</exception>
    /// <remarks>
    /// Beyond h2 (which raises): on a stream that closed recently (it is still in the
    /// closed-stream record) this does nothing, since the peer may close a stream between the
    /// <see cref="Events.DataReceived"/> event and the caller's increment. Nothing is sent.
    /// </remarks>
    public void IncrementFlowControlWindow(int increment, int? streamId = null)
    {
        if (increment < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(increment), increment, "A flow-control increment is 1 to 2^31-1.");
        }

        CallerChecks.CanSend(_core, ConnectionInput.SendWindowUpdate);
        H2Stream? stream = null;
        if (streamId is int id)
        {
            if (id > 0 && _core.Streams.Find(id, out _, out _) == StreamLookup.Closed)
            {
                return; // beyond h2: a stream that closed moments ago needs no more window
            }

            if (id == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(streamId), id, "Stream 0 is the connection: pass streamId: null to open the connection window.");
            }

            stream = CallerChecks.RequireStream(_core, id);
            if (StreamStateMachine.Lookup(stream.State, StreamInput.SendWindowUpdate).Outcome != TransitionOutcome.Allow)
            {
                throw new InvalidOperationException($"Cannot open the window of stream {id} in state {stream.State}: the peer can no longer send on it.");
            }
        }

        _core.Flow.Increment(increment, stream);
    }

    /// <summary>
    /// h2's automatic flow control: tells the connection that <paramref name="acknowledgedSize"/>
    /// received octets (use <see cref="Events.DataReceived.FlowControlledLength"/>) were processed.
    /// WINDOW_UPDATE frames are coalesced: sent when half a window is processed. The connection
    /// window kept open is <see cref="H2Configuration.InitialConnectionWindowSize"/>.
    /// </summary>
    /// <param name="acknowledgedSize">Processed octets, padding included.</param>
    /// <param name="streamId">The stream the data arrived on (it may have closed since).</param>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public void AcknowledgeReceivedData(int acknowledgedSize, int streamId)
    {
        if (acknowledgedSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(acknowledgedSize), acknowledgedSize, "The acknowledged size cannot be negative.");
        }

        var lookup = _core.Streams.Find(streamId, out var stream, out _);
        if (lookup == StreamLookup.Idle)
        {
            throw new NoSuchStreamException($"Stream {streamId} was never opened; acknowledge data on the stream it arrived on (DataReceived.StreamId).", streamId);
        }

        if (_core.Fsm.Peek(ConnectionInput.SendWindowUpdate).Outcome == TransitionOutcome.Forbidden)
        {
            return; // the connection is closed: nothing to reopen
        }

        _core.Flow.Acknowledge(acknowledgedSize, stream);
    }

    /// <summary>How much we may send on a stream now: the smaller of its window and the connection window (never negative).</summary>
    /// <param name="streamId">The stream.</param>
    /// <returns>Octets.</returns>
    /// <exception cref="StreamClosedException">The stream is closed.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public int LocalFlowControlWindow(int streamId) => _core.Flow.Sendable(CallerChecks.RequireStream(_core, streamId));

    /// <summary>
    /// What we may still send on the connection as a whole, in octets: the connection send window
    /// (h2's <c>outbound_flow_control_window</c>). Only DATA we send and the peer's WINDOW_UPDATE on
    /// stream 0 move it (SETTINGS_INITIAL_WINDOW_SIZE moves stream windows only). A stream can send
    /// the smaller of this and its own window: <see cref="LocalFlowControlWindow"/>.
    /// </summary>
    public int OutboundFlowControlWindow => (int)_core.Flow.SendWindow.Size;

    /// <summary>
    /// What the peer may still send on the connection as a whole before we reopen it: the
    /// connection receive window (h2's <c>inbound_flow_control_window</c>).
    /// </summary>
    public int InboundFlowControlWindow => (int)_core.Flow.ReceiveWindow.Size;

    /// <summary>How much the peer may send on a stream now: the smaller of its receive window and the connection's.</summary>
    /// <param name="streamId">The stream.</param>
    /// <returns>Octets.</returns>
    /// <exception cref="StreamClosedException">The stream is closed.</exception>
    /// <exception cref="NoSuchStreamException">The stream was never opened.</exception>
    public int RemoteFlowControlWindow(int streamId)
    {
        var stream = CallerChecks.RequireStream(_core, streamId);
        return (int)Math.Max(0, Math.Min(stream.ReceiveWindow.Size, _core.Flow.ReceiveWindow.Size));
    }
}
