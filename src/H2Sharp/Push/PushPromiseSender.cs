using System;
using System.Buffers;
using System.Collections.Generic;
using H2Sharp.Frames;
using H2Sharp.Headers;

namespace H2Sharp;

/// <summary>
/// Sends PUSH_PROMISE (server push, RFC 9113 sections 6.6 and 8.4): checks the parent stream,
/// the promised stream id, the peer's SETTINGS_ENABLE_PUSH and the promised request, then
/// HPACK-encodes the request into PUSH_PROMISE plus CONTINUATION frames and reserves the stream.
/// Every check runs before encoding, because encoding changes the HPACK state.
/// </summary>
internal sealed class PushPromiseSender
{
    private readonly ConnectionCore _core;
    private readonly ArrayBufferWriter<byte> _block = new(256);

    public PushPromiseSender(ConnectionCore core)
    {
        _core = core;
    }

    public void PushStream(int streamId, int promisedStreamId, IReadOnlyList<HeaderField> requestHeaders)
    {
        ArgumentNullException.ThrowIfNull(requestHeaders);
        // RFC 9113 8.4.1: "PUSH_PROMISE frames MUST NOT be sent by the client."
        if (_core.Client)
        {
            throw new EndpointRoleException("Clients cannot push streams (RFC 9113 section 8.4.1); only a server sends PUSH_PROMISE.");
        }

        CallerChecks.CanSend(_core, ConnectionInput.SendPushPromise);
        // RFC 9113 6.6: "PUSH_PROMISE MUST NOT be sent if the SETTINGS_ENABLE_PUSH setting of the
        // peer endpoint is set to 0."
        if (!_core.Settings.Remote.EnablePush)
        {
            throw new InvalidOperationException("The client disabled server push (SETTINGS_ENABLE_PUSH = 0); do not push on this connection (check RemoteSettings.EnablePush first).");
        }

        var parent = CallerChecks.RequireStream(_core, streamId);
        // RFC 9113 6.6: "PUSH_PROMISE frames MUST only be sent on a peer-initiated stream that is
        // in either the "open" or "half-closed (remote)" state." (h2: never on a pushed stream.)
        if (parent.LocallyInitiated)
        {
            throw new ArgumentException($"Stream {streamId} is a pushed stream; push only on a stream the client started (RFC 9113 section 6.6).", nameof(streamId));
        }

        CallerChecks.CanSendOnStream(parent, StreamInput.SendPushPromise);
        _core.Admission.CheckPromisedOutbound(promisedStreamId);

        var prepared = OutboundHeaderRules.Prepare(requestHeaders, HeaderBlockKind.Request, new HeaderRuleOptions(
            _core.HeaderOptions.ValidateOutboundHeaders,
            _core.HeaderOptions.NormalizeOutboundHeaders,
            _core.HeaderOptions.SplitOutboundCookies), out var facts);
        if (PushRules.CheckPromisedRequest(facts) is { } problem)
        {
            throw new ArgumentException(problem, nameof(requestHeaders));
        }

        // Past this point nothing may fail: the HPACK encoder state is about to change.
        Write(streamId, promisedStreamId, prepared);
        _core.Fsm.Process(ConnectionInput.SendPushPromise);
        _core.Streams.Apply(parent, StreamInput.SendPushPromise);
        _core.Admission.ReserveOutbound(promisedStreamId);
    }

    private void Write(int streamId, int promisedStreamId, IReadOnlyList<HeaderField> headers)
    {
        _block.ResetWrittenCount();
        _core.Encoder.Encode(HeaderFieldSpans.AsSpan(headers), _block);
        var block = _block.WrittenSpan;
        int max = _core.MaxOutboundFrameSize;
        // The promised stream id takes 4 octets of the first frame.
        int first = HeaderBlockFramer.FirstFragmentLength(block.Length, max, fixedFields: 4);
        FrameWriter.WritePushPromise(_core.Out, streamId, promisedStreamId, block[..first], endHeaders: first == block.Length);
        HeaderBlockFramer.WriteContinuations(_core.Out, streamId, block[first..], max);
    }
}
