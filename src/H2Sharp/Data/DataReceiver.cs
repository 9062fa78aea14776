using System;
using H2Sharp.Events;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>Receives DATA frames: flow control, the stream state, body length, and the <see cref="DataReceived"/> event.</summary>
internal sealed class DataReceiver
{
    private readonly ConnectionCore _core;

    public DataReceiver(ConnectionCore core)
    {
        _core = core;
    }

    public void OnData(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = DataFrame.Parse(header, payload);
        int id = frame.StreamId;
        int flow = frame.FlowControlledLength;
        if (flow == 0 && !frame.EndStream)
        {
            _core.Ledger.ChargeGlitch(); // an empty DATA frame that ends nothing is pure overhead
        }

        // RFC 9113 6.9: "Only DATA frames are subject to flow control"; the connection window
        // is charged first, whatever becomes of the stream.
        _core.Flow.ConsumeConnection(flow);

        switch (_core.Streams.Receive(id, StreamInput.RecvData, out var stream, out var lookup))
        {
            case TransitionOutcome.Allow:
                OnLiveStream(stream!, frame);
                return;
            case TransitionOutcome.Ignore:
                // RFC 9113 5.1 (closed): after our RST_STREAM, "the content of DATA frames counts
                // toward the connection flow-control window" and the frame is discarded.
                _core.Flow.ReleaseDiscarded(flow);
                return;
            case TransitionOutcome.StreamClosedError when stream is not null:
                // RFC 9113 5.1 (half-closed (remote)): "it MUST respond with a stream error of type STREAM_CLOSED."
                Fail(stream, flow, new ProtocolException($"The peer sent DATA on stream {id} after ending it.", ErrorCode.StreamClosed, id));
                return;
            case TransitionOutcome.StreamClosedError:
                // RFC 9113 5.1 (closed): DATA after the peer's RST_STREAM: stream error
                // STREAM_CLOSED; the window it used is still given back (h2 3.2.0 bugfix).
                _core.Flow.ReleaseDiscarded(flow);
                _core.ResetClosedStream(id, ErrorCode.StreamClosed);
                return;
            case TransitionOutcome.ConnectionClosedError:
                // RFC 9113 5.1 (closed): DATA after END_STREAM both ways: connection error STREAM_CLOSED.
                throw new ProtocolException($"The peer sent DATA on stream {id} after both sides ended it.", ErrorCode.StreamClosed, 0);
            case TransitionOutcome.Forbidden when lookup == StreamLookup.Live:
                throw new ProtocolException($"The peer sent DATA on stream {id} in state {stream!.State}.", ErrorCode.ProtocolError, 0);
            default:
                // RFC 9113 5.1 (idle): "Receiving any frame other than HEADERS or PRIORITY on a
                // stream in this state MUST be treated as a connection error of type PROTOCOL_ERROR."
                // Ids skipped below the highest were idle until implicitly closed: same answer.
                throw new ProtocolException($"The peer sent DATA on stream {id}, which was never opened.", ErrorCode.ProtocolError, 0);
        }
    }

    private void OnLiveStream(H2Stream stream, DataFrame frame)
    {
        int flow = frame.FlowControlledLength;

        // RFC 9113 8.1: a message is a HEADERS block, then DATA (h2 4.0.0: DATA before HEADERS is an error).
        if (stream.InboundPhase != HeaderPhase.Final)
        {
            Fail(stream, flow, new ProtocolException($"The peer sent DATA on stream {stream.Id} before the request or final response headers.", ErrorCode.ProtocolError, stream.Id));
            return;
        }

        if (!stream.ReceiveWindow.TryConsume(flow))
        {
            // RFC 9113 6.9.1: over the stream window: a stream error FLOW_CONTROL_ERROR.
            Fail(stream, flow, new FlowControlException($"The peer sent {flow} octets on stream {stream.Id} with only {stream.ReceiveWindow.Size} left in its window.", ErrorCode.FlowControlError, stream.Id));
            return;
        }

        int length = frame.Data.Length;
        if (stream.ExpectNoBody ? length > 0 : stream.ContentLengthRemaining >= 0 && length > stream.ContentLengthRemaining)
        {
            // RFC 9113 8.1.1: a body longer than content-length (or any body where none may be) is malformed.
            long received = stream.ExpectNoBody ? 0 : stream.ContentLength - stream.ContentLengthRemaining;
            Fail(stream, flow, new InvalidBodyLengthException(stream.Id, stream.ExpectNoBody ? 0 : stream.ContentLength, received + length));
            return;
        }

        if (stream.ContentLengthRemaining >= 0)
        {
            stream.ContentLengthRemaining -= length;
        }

        if (frame.EndStream && HeaderBlockReceiver.CheckBodyComplete(stream) is { } shortBody)
        {
            Fail(stream, flow, shortBody);
            return;
        }

        StreamEnded? ended = null;
        if (frame.EndStream)
        {
            _core.Streams.Apply(stream, StreamInput.RecvEndStream);
            ended = new StreamEnded { StreamId = stream.Id };
        }

        // Zero-copy when the frame arrived whole in the caller's memory; else an owned copy.
        bool borrowed = false;
        ReadOnlyMemory<byte> body = length == 0 ? ReadOnlyMemory<byte>.Empty : _core.Lend(frame.Data, out borrowed);
        _core.Emit(borrowed
            ? new DataReceived { StreamId = stream.Id, Borrowed = body, FlowControlledLength = flow, StreamEnded = ended }
            : new DataReceived { StreamId = stream.Id, Data = body, FlowControlledLength = flow, StreamEnded = ended });
        if (ended is not null)
        {
            _core.Emit(ended);
        }
    }

    /// <summary>A stream error on DATA: the connection window is given back (nobody will read the data) and the stream is reset.</summary>
    private void Fail(H2Stream stream, int flow, ProtocolException error)
    {
        _core.Flow.ReleaseDiscarded(flow);
        _core.StreamError(stream.Id, error.ErrorCode, error);
    }
}
