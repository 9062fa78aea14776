using System;
using System.Buffers;
using System.Collections.Generic;
using H2Sharp.Frames;
using H2Sharp.Headers;

namespace H2Sharp;

/// <summary>
/// Sends header blocks: decides the block kind from the stream, applies the outbound header
/// rules, HPACK-encodes and splits the block into HEADERS and CONTINUATION frames of the peer's
/// frame size. Every check runs before encoding, because encoding changes the HPACK state.
/// </summary>
internal sealed class HeaderBlockSender
{
    private readonly ConnectionCore _core;
    private readonly ArrayBufferWriter<byte> _block = new(1024);
    private byte[] _lastAuthority = [];

    public HeaderBlockSender(ConnectionCore core)
    {
        _core = core;
    }

    public void SendHeaders(int streamId, IReadOnlyList<HeaderField> headers, bool endStream, PriorityInfo? priority)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var streams = _core.Streams;
        var stream = streams.Get(streamId);
        bool opening = stream is null;
        if (opening)
        {
            CheckNewStream(streamId);
        }
        else
        {
            CallerChecks.CanSend(_core, ConnectionInput.SendHeaders);
            CallerChecks.CanSendOnStream(stream!, StreamInput.SendHeaders);
            // RFC 9113 8.4.2: a pushed response's HEADERS makes the reserved stream active, and
            // 5.1.2: "Endpoints MUST NOT exceed the limit set by their peer."
            if (stream!.State == StreamState.ReservedLocal && !PushRules.RoomForPushedResponse(_core.Settings.Remote.MaxConcurrentStreams, streams.OpenOutbound))
            {
                throw new TooManyStreamsException($"The client allows {_core.Settings.Remote.MaxConcurrentStreams} concurrent streams and {streams.OpenOutbound} are open; wait for one to close before starting pushed stream {streamId}.", ErrorCode.ProtocolError, streamId);
            }
        }

        var kind = KindOf(stream, headers, endStream);
        var prepared = OutboundHeaderRules.Prepare(headers, kind, new HeaderRuleOptions(
            _core.Config.ValidateOutboundHeaders,
            _core.Config.NormalizeOutboundHeaders,
            _core.Config.SplitOutboundCookies,
            _core.Settings.Remote.EnableConnectProtocol), out var facts);
        if (priority is { } p)
        {
            CallerChecks.CanSend(_core, ConnectionInput.SendPriority);
            if (p.StreamDependency == streamId)
            {
                throw new ProtocolException($"Stream {streamId} cannot depend on itself (RFC 7540 section 5.3.1).", ErrorCode.ProtocolError, streamId);
            }
        }

        // Past this point nothing may fail: the HPACK encoder state is about to change.
        if (opening)
        {
            stream = streams.Create(streamId, local: true, _core.Settings.Remote.InitialWindowSize, _core.Settings.Local.InitialWindowSize);
            _core.Fsm.Process(ConnectionInput.SendNewStream);
        }
        else
        {
            _core.Fsm.Process(ConnectionInput.SendHeaders);
        }

        Write(streamId, prepared, endStream, priority);
        streams.Apply(stream!, StreamInput.SendHeaders);
        stream!.OutboundPhase = kind switch
        {
            HeaderBlockKind.Informational => HeaderPhase.Informational,
            HeaderBlockKind.Trailers => HeaderPhase.Trailers,
            _ => HeaderPhase.Final,
        };
        if (kind == HeaderBlockKind.Request)
        {
            stream.RequestWasHead = facts.IsHead;
            stream.Authority = CopyAuthority(facts.Authority.Span);
        }

        if (endStream)
        {
            streams.Apply(stream, StreamInput.SendEndStream);
        }
    }

    /// <summary>
    /// The stream keeps its own copy of :authority (the caller may reuse its buffers), shared
    /// with the previous request when the bytes are the same, as they nearly always are on one
    /// connection: no allocation per request. The copies are never written to.
    /// </summary>
    private ReadOnlyMemory<byte> CopyAuthority(ReadOnlySpan<byte> authority)
    {
        if (authority.IsEmpty)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        if (!authority.SequenceEqual(_lastAuthority))
        {
            _lastAuthority = authority.ToArray();
        }

        return _lastAuthority;
    }

    private void CheckNewStream(int streamId)
    {
        var streams = _core.Streams;
        if (streamId <= 0)
        {
            throw new NoSuchStreamException($"Stream id {streamId} is not a stream; use GetNextAvailableStreamId.", streamId);
        }

        var lookup = streams.Find(streamId, out _, out _);
        if (lookup != StreamLookup.Idle)
        {
            // Beyond h2: a stream that closed (even long ago) is reported as closed, not as "too low".
            throw lookup == StreamLookup.Skipped && streams.IsLocal(streamId)
                ? new StreamIdTooLowException($"Stream id {streamId} is lower than {streams.HighestOutbound}, already used; stream ids must increase. Use GetNextAvailableStreamId.", streamId)
                : new StreamClosedException($"Stream {streamId} is closed; use a new stream (GetNextAvailableStreamId).", streamId);
        }

        if (!streams.IsLocal(streamId))
        {
            throw new NoSuchStreamException($"Stream {streamId} belongs to the peer and was never opened by it; a {(_core.Client ? "client uses odd" : "server uses even")} stream ids.", streamId);
        }

        if (!_core.Client)
        {
            throw new ProtocolException("A server cannot open a stream with headers; servers open streams by pushing (PushStream).", ErrorCode.ProtocolError, streamId);
        }

        CallerChecks.CanSend(_core, ConnectionInput.SendNewStream);
        // RFC 9113 5.1.2: "Endpoints MUST NOT exceed the limit set by their peer."
        if (_core.Settings.Remote.MaxConcurrentStreams is uint max && streams.OpenOutbound >= max)
        {
            throw new TooManyStreamsException($"The peer allows {max} concurrent streams and {streams.OpenOutbound} are open; wait for one to close.", ErrorCode.ProtocolError, streamId);
        }
    }

    private HeaderBlockKind KindOf(H2Stream? stream, IReadOnlyList<HeaderField> headers, bool endStream)
    {
        var phase = stream?.OutboundPhase ?? HeaderPhase.None;
        int id = stream?.Id ?? 0;
        HeaderBlockKind kind;
        if (phase == HeaderPhase.Trailers)
        {
            throw new ProtocolException($"Trailers were already sent on stream {id}; nothing more can be sent on it.", ErrorCode.ProtocolError, id);
        }
        else if (phase == HeaderPhase.Final)
        {
            kind = HeaderBlockKind.Trailers;
        }
        else if (_core.Client)
        {
            kind = HeaderBlockKind.Request;
        }
        else
        {
            kind = HeaderBlockClassifier.ResponseKindOf(HeaderFieldSpans.AsSpan(headers));
        }

        if (kind == HeaderBlockKind.Trailers && !endStream)
        {
            throw new ProtocolException($"Trailers must end the stream: pass endStream: true (stream {id}).", ErrorCode.ProtocolError, id);
        }

        if (kind == HeaderBlockKind.Informational && endStream)
        {
            throw new ProtocolException($"An informational (1xx) response cannot end the stream (stream {id}).", ErrorCode.ProtocolError, id);
        }

        return kind;
    }

    private void Write(int streamId, IReadOnlyList<HeaderField> headers, bool endStream, PriorityInfo? priority)
    {
        _block.ResetWrittenCount();
        _core.Encoder.Encode(HeaderFieldSpans.AsSpan(headers), _block);
        var block = _block.WrittenSpan;
        int max = _core.MaxOutboundFrameSize;
        int first = HeaderBlockFramer.FirstFragmentLength(block.Length, max, priority is null ? 0 : PriorityInfo.Size);
        FrameWriter.WriteHeaders(_core.Out, streamId, block[..first], endStream, endHeaders: first == block.Length, priority);
        HeaderBlockFramer.WriteContinuations(_core.Out, streamId, block[first..], max);
    }
}
