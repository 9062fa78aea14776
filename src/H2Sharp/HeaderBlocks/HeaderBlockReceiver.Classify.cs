namespace H2Sharp;

/// <summary>Deciding, from a HEADERS frame's stream id, what its block is for.</summary>
internal sealed partial class HeaderBlockReceiver
{
    private BlockTarget ClassifyHeaders(int streamId)
    {
        var streams = _core.Streams;
        var outcome = streams.Receive(streamId, StreamInput.RecvHeaders, out var stream, out var lookup);
        var admission = _core.Admission;
        admission.CheckInboundId(streamId, lookup);
        if (lookup == StreamLookup.Idle)
        {
            return admission.AdmitInbound(streamId);
        }

        Receive(ConnectionInput.RecvHeaders);
        switch (outcome)
        {
            case TransitionOutcome.Allow when stream!.State == StreamState.ReservedRemote && !admission.TryActivateInbound(stream):
                return BlockTarget.Refuse; // the pushed response would pass our concurrency limit
            case TransitionOutcome.Allow:
                return BlockTarget.Existing;
            case TransitionOutcome.Ignore:
                // RFC 9113 5.1 (closed): after sending RST_STREAM, "An endpoint MUST minimally
                // process and then discard any frames it receives in this state. This means
                // updating header compression state for HEADERS and PUSH_PROMISE frames."
                return BlockTarget.Discard;
            case TransitionOutcome.StreamClosedError:
                // RFC 9113 5.1: half-closed (remote): "it MUST respond with a stream error of type
                // STREAM_CLOSED"; closed by the peer's RST_STREAM: "any frame other than PRIORITY
                // after receiving a RST_STREAM MUST [be treated] as a stream error of type STREAM_CLOSED".
                // The block is still decoded, so HPACK stays in step.
                _answer = ErrorCode.StreamClosed;
                return BlockTarget.Discard;
            case TransitionOutcome.ConnectionClosedError:
                // RFC 9113 5.1 (closed): HEADERS after END_STREAM both ways: connection error STREAM_CLOSED.
                throw new ProtocolException($"The peer sent HEADERS on stream {streamId} after both sides ended it.", ErrorCode.StreamClosed, 0);
            default:
                throw new ProtocolException($"The peer sent HEADERS on stream {streamId} in state {stream!.State}.", ErrorCode.ProtocolError, 0);
        }
    }

    private void Receive(ConnectionInput input)
    {
        if (_core.Fsm.Process(input) == TransitionOutcome.Forbidden)
        {
            throw new ProtocolException($"The peer may not send this frame now ({input} in connection state {_core.Fsm.State}).", ErrorCode.ProtocolError, 0);
        }
    }
}
