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
            _core.Admission.CheckNewOutbound(streamId);
        }
        else
        {
            CallerChecks.CanSend(_core, ConnectionInput.SendHeaders);
            CallerChecks.CanSendOnStream(stream!, StreamInput.SendHeaders);
            if (stream!.State == StreamState.ReservedLocal)
            {
                _core.Admission.CheckActivateOutbound(stream);
            }
        }

        var kind = KindOf(stream, headers, endStream);
        var prepared = OutboundHeaderRules.Prepare(headers, kind, new HeaderRuleOptions(
            _core.HeaderOptions.ValidateOutboundHeaders,
            _core.HeaderOptions.NormalizeOutboundHeaders,
            _core.HeaderOptions.SplitOutboundCookies,
            _core.Settings.Remote.EnableConnectProtocol), out var facts);
        if (priority is not null)
        {
            CallerChecks.CanSend(_core, ConnectionInput.SendPriority);
        }

        // Past this point nothing may fail: the HPACK encoder state is about to change.
        if (opening)
        {
            stream = _core.Admission.OpenOutbound(streamId);
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

    private HeaderBlockKind KindOf(H2Stream? stream, IReadOnlyList<HeaderField> headers, bool endStream)
    {
        var phase = stream?.OutboundPhase ?? HeaderPhase.None;
        int id = stream?.Id ?? 0;
        HeaderBlockKind kind;
        if (phase == HeaderPhase.Trailers)
        {
            throw new StreamClosedException($"Trailers were already sent on stream {id}, which ended it; nothing more can be sent on it.", id);
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
            throw new ArgumentException($"Trailers must end the stream: pass endStream: true (stream {id}).", nameof(endStream));
        }

        if (kind == HeaderBlockKind.Informational && endStream)
        {
            throw new ArgumentException($"An informational (1xx) response cannot end the stream: pass endStream: false, then send the final response (stream {id}).", nameof(endStream));
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
