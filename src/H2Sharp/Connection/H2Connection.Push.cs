using System;
using System.Collections.Generic;

namespace H2Sharp;

/// <summary>Server push (RFC 9113 section 8.4).</summary>
public sealed partial class H2Connection
{
    private PushPromiseSender? _pushSender;

    /// <summary>
    /// Server only: promises a pushed response (PUSH_PROMISE, h2's <c>push_stream</c>). The promised
    /// stream becomes reserved (local); send the response on it with <see cref="SendHeaders"/> and
    /// <see cref="SendData"/> as for any response. The client learns of it as
    /// <see cref="Events.PushedStreamReceived"/>.
    /// </summary>
    /// <param name="streamId">The client's request stream the push relates to; open or half-closed (remote), never a pushed stream.</param>
    /// <param name="promisedStreamId">A new even stream id (<see cref="GetNextAvailableStreamId"/>).</param>
    /// <param name="requestHeaders">The request the pushed response answers: GET or HEAD, no content (RFC 9113 section 8.4).</param>
    /// <exception cref="EndpointRoleException">A client called it.</exception>
    /// <exception cref="InvalidOperationException">The client disabled push (SETTINGS_ENABLE_PUSH = 0), a GOAWAY forbids new streams, or the connection is not open.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The promised id is not a new even id (not positive, odd, already used or lower than one used), or the parent id is not positive.</exception>
    /// <exception cref="ArgumentException">The parent stream was pushed itself, or the request breaks the header rules or is not safe and cacheable.</exception>
    /// <exception cref="StreamClosedException">The parent stream is closed or this side ended it.</exception>
    /// <exception cref="NoSuchStreamException">The parent stream was never opened.</exception>
    public void PushStream(int streamId, int promisedStreamId, IReadOnlyList<HeaderField> requestHeaders)
    {
        _core.Streams.ReleaseRetired(); // no stream reference is held here: closed ones may be reused
        (_pushSender ??= new PushPromiseSender(_core)).PushStream(streamId, promisedStreamId, requestHeaders);
    }
}
