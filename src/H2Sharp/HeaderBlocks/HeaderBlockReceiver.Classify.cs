namespace H2Sharp;

/// <summary>Deciding, from a HEADERS frame's stream id, what its block is for.</summary>
internal sealed partial class HeaderBlockReceiver
{
    private BlockTarget ClassifyHeaders(int streamId)
    {
        var streams = _core.Streams;
        switch (streams.Find(streamId, out var stream, out var reason))
        {
            case StreamLookup.Live:
                Receive(ConnectionInput.RecvHeaders);
                switch (StreamStateMachine.Lookup(stream!.State, StreamInput.RecvHeaders).Outcome)
                {
                    case TransitionOutcome.Allow when stream.State == StreamState.ReservedRemote
                        && !PushRules.RoomForPushedResponse(_core.Settings.Local.MaxConcurrentStreams, streams.OpenInbound):
                        // RFC 9113 5.1.2: "An endpoint that receives a HEADERS frame that causes its
                        // advertised concurrent stream limit to be exceeded MUST treat this as a
                        // stream error of type PROTOCOL_ERROR or REFUSED_STREAM."
                        streams.ForceClose(stream, StreamCloseReason.ResetByUs);
                        return BlockTarget.Refuse;
                    case TransitionOutcome.Allow:
                        return BlockTarget.Existing;
                    case TransitionOutcome.StreamClosedError:
                        // RFC 9113 5.1 (half-closed (remote)): "it MUST respond with a stream error of type STREAM_CLOSED."
                        _answer = ErrorCode.StreamClosed;
                        return BlockTarget.Discard;
                    default:
                        throw new ProtocolException($"The peer sent HEADERS on stream {streamId} in state {stream.State}.", ErrorCode.ProtocolError, 0);
                }

            case StreamLookup.Idle:
                if (streams.IsLocal(streamId))
                {
                    // RFC 9113 5.1.1: "An endpoint that receives an unexpected stream identifier
                    // MUST respond with a connection error of type PROTOCOL_ERROR."
                    throw new ProtocolException($"The peer sent HEADERS on stream {streamId}, which only we may open and have not.", ErrorCode.ProtocolError, 0);
                }

                return ClassifyNewStream(streamId);

            case StreamLookup.Closed when reason == StreamCloseReason.ResetByUs:
                // RFC 9113 5.1 (closed): after sending RST_STREAM, "An endpoint MUST minimally
                // process and then discard any frames it receives in this state. This means
                // updating header compression state for HEADERS and PUSH_PROMISE frames."
                Receive(ConnectionInput.RecvHeaders);
                return BlockTarget.Discard;

            case StreamLookup.Closed:
            case StreamLookup.ClosedLongAgo:
                // RFC 9113 5.1 (closed): "An endpoint that receives any frame other than PRIORITY
                // after receiving a RST_STREAM MUST treat that as a stream error of type
                // STREAM_CLOSED"; likewise after END_STREAM both ways (a stream error here, so the
                // connection lives on).
                Receive(ConnectionInput.RecvHeaders);
                _answer = ErrorCode.StreamClosed;
                return BlockTarget.Discard;

            default:
                // RFC 9113 5.1.1: "The identifier of a newly established stream MUST be
                // numerically greater than all streams that the initiating endpoint has opened or
                // reserved. ... An endpoint that receives an unexpected stream identifier MUST
                // respond with a connection error of type PROTOCOL_ERROR."
                throw new ProtocolException($"The peer opened stream {streamId} after stream {streams.HighestInbound}; stream ids must increase.", ErrorCode.ProtocolError, 0);
        }
    }

    private BlockTarget ClassifyNewStream(int streamId)
    {
        switch (_core.Fsm.Process(ConnectionInput.RecvNewStream))
        {
            case TransitionOutcome.Refuse:
                // RFC 9113 6.8: after our GOAWAY, streams above its last stream id are not processed.
                if (streamId > (_core.LocalGoAwayLastStreamId ?? 0))
                {
                    return BlockTarget.Refuse;
                }

                break;
            case TransitionOutcome.Allow:
                break;
            default:
                // RFC 9113 8.4: a server can only open streams by PUSH_PROMISE.
                throw new ProtocolException($"The server sent HEADERS on new stream {streamId}; servers open streams only with PUSH_PROMISE.", ErrorCode.ProtocolError, 0);
        }

        // RFC 9113 5.1.2: "An endpoint that receives a HEADERS frame that causes its advertised
        // concurrent stream limit to be exceeded MUST treat this as a stream error of type
        // PROTOCOL_ERROR or REFUSED_STREAM."
        if (_core.Settings.Local.MaxConcurrentStreams is uint max && _core.Streams.OpenInbound >= max)
        {
            return BlockTarget.Refuse;
        }

        return BlockTarget.NewStream;
    }

    private void Receive(ConnectionInput input)
    {
        if (_core.Fsm.Process(input) == TransitionOutcome.Forbidden)
        {
            throw new ProtocolException($"The peer may not send this frame now ({input} in connection state {_core.Fsm.State}).", ErrorCode.ProtocolError, 0);
        }
    }
}
