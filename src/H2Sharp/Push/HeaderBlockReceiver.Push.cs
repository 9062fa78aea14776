using System;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Headers;

namespace H2Sharp;

/// <summary>
/// Receiving PUSH_PROMISE (client side): checks the promise, keeps HPACK in step, and reserves
/// or declines the promised stream (the promised request's rules are PushRules'; sending
/// pushes is PushPromiseSender's).
/// </summary>
internal sealed partial class HeaderBlockReceiver
{
    public void OnPushPromise(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = PushPromiseFrame.Parse(header, payload);
        StreamId = frame.StreamId;
        _promisedStreamId = frame.PromisedStreamId;
        _endStream = false;
        _priority = null;
        _answer = null;
        _target = ClassifyPush(frame.StreamId, frame.PromisedStreamId);
        Begin(frame.HeaderBlockFragment, frame.EndHeaders);
    }

    private BlockTarget ClassifyPush(int parentId, int promisedId)
    {
        var outcome = _core.Fsm.Process(ConnectionInput.RecvPushPromise);
        if (outcome == TransitionOutcome.Forbidden)
        {
            // RFC 9113 8.4: "A client cannot push. Thus, servers MUST treat the receipt of a
            // PUSH_PROMISE frame as a connection error of type PROTOCOL_ERROR."
            throw new ProtocolException("A client sent PUSH_PROMISE.", ErrorCode.ProtocolError, 0);
        }

        _core.Admission.CheckPromisedInbound(promisedId);

        // RFC 9113 6.5.2: "An endpoint that has both set this parameter to 0 and had it
        // acknowledged MUST treat the receipt of a PUSH_PROMISE frame as a connection error of type PROTOCOL_ERROR."
        if (!_core.Settings.Local.EnablePush)
        {
            throw new ProtocolException("The server sent PUSH_PROMISE although we disabled push.", ErrorCode.ProtocolError, 0);
        }

        switch (_core.Streams.Find(parentId, out var parent, out var reason))
        {
            case StreamLookup.Live when parent!.LocallyInitiated:
                var t = StreamStateMachine.Lookup(parent.State, StreamInput.RecvPushPromise).Outcome;
                if (t == TransitionOutcome.Forbidden)
                {
                    throw new ProtocolException($"PUSH_PROMISE on stream {parentId} in state {parent.State}.", ErrorCode.ProtocolError, 0);
                }

                if (t == TransitionOutcome.StreamClosedError)
                {
                    // RFC 9113 5.1 (half-closed (remote)): a stream error STREAM_CLOSED on the parent.
                    _answer = ErrorCode.StreamClosed;
                    return BlockTarget.PushDiscard;
                }

                return outcome == TransitionOutcome.Refuse ? BlockTarget.PushDiscard : BlockTarget.Push;
            case StreamLookup.Closed when reason == StreamCloseReason.ResetByUs:
                // RFC 9113 5.1: "Receiving a PUSH_PROMISE frame also causes the promised stream to
                // become "reserved (remote)", even when the PUSH_PROMISE frame is received on a closed stream."
                return BlockTarget.PushDiscard;
            default:
                // h2 2.1.2: PUSH_PROMISE on a closed stream, or on a pushed stream, is a protocol error.
                throw new ProtocolException($"PUSH_PROMISE on stream {parentId}, which is not an open stream the client started.", ErrorCode.ProtocolError, 0);
        }
    }

    private void DeliverPush()
    {
        var fields = _collector.Build();
        var options = InboundOptions;
        var problem = InboundHeaderRules.Validate(fields, HeaderBlockKind.Request, options, out var facts);
        if (problem is not null)
        {
            // h2 2.6.0 bugfix: malformed pushed requests are rejected (the promised stream only).
            RefuseNew(_promisedStreamId, ErrorCode.ProtocolError, new ProtocolException(problem, ErrorCode.ProtocolError, _promisedStreamId));
            return;
        }

        // RFC 9113 8.4: "Clients that receive a promised request that is not cacheable, that is
        // not known to be safe, or that indicates the presence of request content MUST reset the
        // promised stream with a stream error (Section 5.4.2) of type PROTOCOL_ERROR."
        if (PushRules.CheckPromisedRequest(facts) is { } unsafeRequest)
        {
            RefuseNew(_promisedStreamId, ErrorCode.ProtocolError, new ProtocolException(unsafeRequest, ErrorCode.ProtocolError, _promisedStreamId));
            return;
        }

        var headers = InboundHeaderRules.Normalize(fields, HeaderBlockKind.Request, options);
        var stream = _core.Admission.ReserveInbound(_promisedStreamId);
        stream.RequestWasHead = facts.IsHead;
        _core.Emit(new PushedStreamReceived { ParentStreamId = StreamId, PushedStreamId = _promisedStreamId, Headers = headers, TextHeaders = TextHeaderList.Create(headers, _core.HeaderOptions.HeaderEncoding) });
    }
}
