using System;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// A stream was reset (h2's <c>StreamReset</c>): by the peer (<see cref="RemoteReset"/> true), or by
/// H2Sharp because the peer broke a rule that concerns only this stream (false; RST_STREAM is queued).
/// Streams above the last stream id of a received GOAWAY are also reported so, with REFUSED_STREAM.
/// </summary>
public sealed record StreamReset : H2Event
{
    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

    /// <summary>The error code given.</summary>
    public ErrorCode ErrorCode { get; init; }

    /// <summary>True if the peer reset the stream; false if H2Sharp reset it because of a stream error.</summary>
    public bool RemoteReset { get; init; } = true;

    /// <summary>For a stream error detected by H2Sharp: what the peer did wrong (beyond h2), e.g. an <see cref="InvalidBodyLengthException"/>. Null otherwise.</summary>
    public ProtocolException? Error { get; init; }
}
