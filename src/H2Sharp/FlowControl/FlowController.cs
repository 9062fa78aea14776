using System;
using H2Sharp.Events;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>
/// Flow control both ways (RFC 9113 section 6.9): the connection windows, WINDOW_UPDATE frames
/// received, manual increments and h2's automatic strategy. Stream windows live on the streams.
/// </summary>
internal sealed class FlowController
{
    private readonly IConnectionOutput _output;
    private readonly StreamManager _streams;
    private readonly int _initialConnectionWindowSize;

    /// <summary>The connection receive window with its automatic strategy; a field so it is updated in place.</summary>
    public ReceiveWindow ReceiveWindow = new(65_535);

    public FlowController(IConnectionOutput output, StreamManager streams, int initialConnectionWindowSize)
    {
        _output = output;
        _streams = streams;
        _initialConnectionWindowSize = initialConnectionWindowSize;
    }

    /// <summary>What we may still send on the connection as a whole; a field so it is updated in place.</summary>
    public SendWindow SendWindow = new(65_535);

    /// <summary>Queues the WINDOW_UPDATE that raises the connection receive window to the configured size.</summary>
    public void SendInitialConnectionWindow()
    {
        int target = _initialConnectionWindowSize;
        if (target > 65_535)
        {
            ReceiveWindow = new ReceiveWindow(target);
            FrameWriter.WriteWindowUpdate(_output.Out, 0, target - 65_535);
        }
    }

    /// <summary>What may be sent on a stream now: the smaller of its window and the connection's, never below 0.</summary>
    public int Sendable(H2Stream stream) => (int)Math.Max(0, Math.Min(stream.SendWindow.Size, SendWindow.Size));

    /// <summary>Takes a received DATA frame's length from the connection window; a connection error when it overruns it.</summary>
    public void ConsumeConnection(int flowControlledLength)
    {
        // RFC 9113 6.9.1: "A receiver MAY respond with ... connection error of type
        // FLOW_CONTROL_ERROR if it is unable to accept a frame."
        if (!ReceiveWindow.TryConsume(flowControlledLength))
        {
            throw new FlowControlException(
                $"The peer sent {flowControlledLength} octets of DATA with only {ReceiveWindow.Size} left in the connection window.",
                ErrorCode.FlowControlError, 0);
        }
    }

    /// <summary>
    /// Gives back connection window for data nobody will read (discarded or on a reset stream):
    /// h2 3.2.0 bugfix, DATA on closed streams still keeps the connection window topped up.
    /// </summary>
    public void ReleaseDiscarded(int flowControlledLength)
    {
        int increment = ReceiveWindow.Process(flowControlledLength);
        if (increment > 0)
        {
            int before = _output.BeginControl();
            FrameWriter.WriteWindowUpdate(_output.Out, 0, increment);
            _output.EndControl(before);
        }
    }

    /// <summary>Handles a received WINDOW_UPDATE frame.</summary>
    public void OnWindowUpdate(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = WindowUpdateFrame.Parse(header, payload);
        int increment = frame.WindowSizeIncrement;
        if (frame.StreamId == 0)
        {
            // RFC 9113 6.9: "errors on the connection flow-control window MUST be treated as a connection error".
            if (increment == 0)
            {
                throw new ProtocolException("The peer sent a WINDOW_UPDATE with an increment of 0 for the connection (RFC 9113 section 6.9).", ErrorCode.ProtocolError, 0);
            }

            // RFC 9113 6.9.1: "If a sender receives a WINDOW_UPDATE that causes a flow-control
            // window to exceed this maximum, it MUST terminate either the stream or the
            // connection, as appropriate."
            if (!SendWindow.TryMove(increment))
            {
                throw new FlowControlException("The peer's WINDOW_UPDATE took the connection window past 2^31-1.", ErrorCode.FlowControlError, 0);
            }

            _output.Emit(new WindowUpdated { StreamId = 0, Delta = increment });
            return;
        }

        switch (_streams.Receive(frame.StreamId, StreamInput.RecvWindowUpdate, out var stream, out var lookup))
        {
            case TransitionOutcome.Forbidden when lookup == StreamLookup.Live:
                throw new ProtocolException($"WINDOW_UPDATE is not allowed on stream {frame.StreamId} in state {stream!.State}.", ErrorCode.ProtocolError, 0);
            case TransitionOutcome.Allow:
                // RFC 9113 6.9: "A receiver MUST treat the receipt of a WINDOW_UPDATE frame with a
                // flow-control window increment of 0 as a stream error of type PROTOCOL_ERROR".
                if (increment == 0)
                {
                    _output.StreamError(frame.StreamId, ErrorCode.ProtocolError, new ProtocolException("WINDOW_UPDATE with an increment of 0.", ErrorCode.ProtocolError, frame.StreamId));
                    return;
                }

                // A stream window past 2^31-1 terminates the stream only (h2 2.5.4 bugfix: not the connection).
                if (!stream!.SendWindow.TryMove(increment))
                {
                    _output.StreamError(frame.StreamId, ErrorCode.FlowControlError, new FlowControlException("WINDOW_UPDATE took the stream window past 2^31-1.", ErrorCode.FlowControlError, frame.StreamId));
                    return;
                }

                _output.Emit(new WindowUpdated { StreamId = frame.StreamId, Delta = increment });
                return;
            case TransitionOutcome.Forbidden when lookup == StreamLookup.Idle:
                // RFC 9113 5.1 (idle): "Receiving any frame other than HEADERS or PRIORITY on a
                // stream in this state MUST be treated as a connection error of type PROTOCOL_ERROR."
                throw new ProtocolException($"The peer sent WINDOW_UPDATE on idle stream {frame.StreamId}.", ErrorCode.ProtocolError, 0);
            default:
                // RFC 9113 5.1 (closed, the closed table's Ignore): WINDOW_UPDATE may arrive after
                // the stream closed; h2 3.1.1: ignore it. Skipped ids are closed as well.
                return;
        }
    }

    /// <summary>
    /// The peer changed SETTINGS_INITIAL_WINDOW_SIZE by <paramref name="delta"/>: every stream send
    /// window moves with it. RFC 9113 6.9.2: "a receiver MUST adjust the size of all stream
    /// flow-control windows that it maintains by the difference between the new value and the old
    /// value." ... "An endpoint MUST treat a change to SETTINGS_INITIAL_WINDOW_SIZE that causes any
    /// flow-control window to exceed the maximum size as a connection error of type FLOW_CONTROL_ERROR."
    /// Checked for every stream before any moves, so a refused change leaves no window moved.
    /// </summary>
    public void OnPeerInitialWindowSizeChanged(long delta, uint newValue)
    {
        foreach (var stream in _streams.All)
        {
            if (!stream.SendWindow.CanMove(delta))
            {
                throw new FlowControlException($"SETTINGS_INITIAL_WINDOW_SIZE = {newValue} would take the window of stream {stream.Id} past 2^31-1.", ErrorCode.FlowControlError, 0);
            }
        }

        foreach (var stream in _streams.All)
        {
            _ = stream.SendWindow.TryMove(delta); // cannot fail: checked above
        }
    }

    /// <summary>
    /// The peer acknowledged our change of SETTINGS_INITIAL_WINDOW_SIZE by <paramref name="delta"/>:
    /// every stream receive window moves with it (RFC 9113 6.9.2). Our own value is at most
    /// 2^31-1 (H2Configuration and UpdateSettings check it), so no window can pass the bound.
    /// </summary>
    public void OnOurInitialWindowSizeAcknowledged(long delta)
    {
        foreach (var stream in _streams.All)
        {
            stream.ReceiveWindow.Adjust(delta);
        }
    }

    /// <summary>Opens a receive window by hand (<c>IncrementFlowControlWindow</c>).</summary>
    public void Increment(int increment, H2Stream? stream)
    {
        if (stream is null)
        {
            if (!ReceiveWindow.TryOpen(increment))
            {
                throw new ArgumentOutOfRangeException(nameof(increment), increment, $"Incrementing the connection window by {increment} would take it past 2^31-1 (it is {ReceiveWindow.Size}, see InboundFlowControlWindow); pass at most {int.MaxValue - ReceiveWindow.Size}.");
            }

            FrameWriter.WriteWindowUpdate(_output.Out, 0, increment);
            return;
        }

        if (!stream.ReceiveWindow.TryOpen(increment))
        {
            throw new ArgumentOutOfRangeException(nameof(increment), increment, $"Incrementing the window of stream {stream.Id} by {increment} would take it past 2^31-1 (it is {stream.ReceiveWindow.Size}); pass at most {int.MaxValue - stream.ReceiveWindow.Size}.");
        }

        FrameWriter.WriteWindowUpdate(_output.Out, stream.Id, increment);
    }

    /// <summary>h2's automatic strategy: processed octets are given back, coalesced (<c>AcknowledgeReceivedData</c>).</summary>
    public void Acknowledge(int size, H2Stream? stream)
    {
        int connectionIncrement = ReceiveWindow.Process(size);
        if (connectionIncrement > 0)
        {
            FrameWriter.WriteWindowUpdate(_output.Out, 0, connectionIncrement);
        }

        // No point reopening a stream the peer has finished sending on.
        if (stream is not null && stream.State is StreamState.Open or StreamState.HalfClosedLocal)
        {
            int streamIncrement = stream.ReceiveWindow.Process(size);
            if (streamIncrement > 0)
            {
                FrameWriter.WriteWindowUpdate(_output.Out, stream.Id, streamIncrement);
            }
        }
    }
}
