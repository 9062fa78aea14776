using System;

namespace H2Sharp;

/// <summary>
/// The rate limits and abuse caps added against known HTTP/2 attacks (docs/security.md has the
/// table of attack, limit, default and how other stacks compare). Each trips GOAWAY
/// ENHANCE_YOUR_CALM and a <see cref="DenialOfServiceException"/> from <see cref="H2Connection.ReceiveData(System.ReadOnlySpan{byte})"/>.
/// </summary>
public sealed partial class H2Configuration
{
    /// <summary>
    /// Where the rate limits (<see cref="StreamResetBurst"/>, <see cref="GlitchBurst"/>) take the
    /// time from: the stack has no clock of its own. Default <see cref="TimeProvider.System"/>;
    /// tests pass a fake one.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Rapid reset (CVE-2023-44487): how many streams the peer may open and then have reset (it
    /// sends RST_STREAM, or we reset or refuse it because of its fault) in one burst, as a token
    /// bucket refilled at <see cref="StreamResetRatePerSecond"/>. Default 1,000 (nghttp2's
    /// <c>stream_reset_rate_limit</c> burst). When the bucket is empty: GOAWAY ENHANCE_YOUR_CALM and
    /// <see cref="DenialOfServiceException"/>. An attacker resets streams by the hundred thousand per
    /// second; a browser cancels a few navigations at a time.
    /// </summary>
    public int StreamResetBurst { get; init; } = 1_000;

    /// <summary>
    /// The refill rate of the rapid-reset bucket (<see cref="StreamResetBurst"/>), in streams per
    /// second. Default 33 (nghttp2's). 0 means the bucket never refills (a lifetime budget, like
    /// Rust h2's counters).
    /// </summary>
    public int StreamResetRatePerSecond { get; init; } = 33;

    /// <summary>
    /// "Glitches": frames that cost us work and do the peer no good: stream errors it causes
    /// (every RST_STREAM we send because of its fault), empty DATA frames without END_STREAM,
    /// PRIORITY frames, unknown frame types, header blocks we decode only to discard. One token
    /// bucket (nghttp2's glitch limiter) with this burst, refilled at <see cref="GlitchRatePerSecond"/>.
    /// Default 10,000 (nghttp2's, generous: a well-behaved peer never comes near it). When empty:
    /// GOAWAY ENHANCE_YOUR_CALM and <see cref="DenialOfServiceException"/>. Stops floods of
    /// cheap-to-send frames that each make us work or answer.
    /// </summary>
    public int GlitchBurst { get; init; } = 10_000;

    /// <summary>The refill rate of the glitch bucket (<see cref="GlitchBurst"/>), per second. Default 330 (nghttp2's); 0 never refills.</summary>
    public int GlitchRatePerSecond { get; init; } = 330;

    /// <summary>
    /// The most streams the peer may make us hold in memory at once (open, half-closed and
    /// reserved by PUSH_PROMISE, which MAX_CONCURRENT_STREAMS does not count). Null (the default)
    /// means twice <see cref="MaxConcurrentStreams"/> and at least 100 (Kestrel's
    /// <c>MaxTrackedStreams</c>), or no cap when <see cref="MaxConcurrentStreams"/> is null. A new
    /// peer stream past it: GOAWAY ENHANCE_YOUR_CALM and <see cref="DenialOfServiceException"/>.
    /// Stops a server that promises pushes without end (nghttp2 caps reserved streams at 200).
    /// </summary>
    public int? MaxTrackedStreams { get; init; }

    /// <summary>
    /// The most settings one SETTINGS frame may carry. Default 64: RFC 9113 and its extensions
    /// define fewer than ten settings, so 64 leaves room for repeats and GREASE values (RFC 8701
    /// style reserved identifiers some clients send), twice nghttp2's 32. Past it: GOAWAY
    /// ENHANCE_YOUR_CALM and <see cref="DenialOfServiceException"/>. Stops SETTINGS frames of
    /// thousands of entries (a 16 KiB frame holds 2,730), each of which we must apply
    /// (INITIAL_WINDOW_SIZE touches every open stream). At least 8, the settings defined so far.
    /// </summary>
    public int MaxSettingsEntriesPerFrame { get; init; } = 64;

    /// <summary>
    /// How far past <see cref="MaxHeaderListSize"/> a decoded header list may go before it stops
    /// being one stream's problem: up to this many times the limit the stream is reset (HPACK kept
    /// in step); beyond it, GOAWAY ENHANCE_YOUR_CALM and <see cref="DenialOfServiceException"/>.
    /// Default 4 (Rust h2's <c>MAX_HEADER_LIST_ABUSE_MULTIPLIER</c>). Stops HPACK bombs: a small
    /// block of indexed references to a large dynamic-table entry that decodes to megabytes.
    /// </summary>
    public int HeaderListAbuseFactor { get; init; } = 4;

    /// <summary>The cap on peer streams in memory in force: <see cref="MaxTrackedStreams"/> or its default.</summary>
    internal long EffectiveMaxTrackedStreams => MaxTrackedStreams
        ?? (MaxConcurrentStreams is uint max ? Math.Max(2L * max, 100L) : long.MaxValue);

    private void ValidateLimits()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        CheckRange(StreamResetBurst, 1, int.MaxValue, nameof(StreamResetBurst));
        CheckRange(StreamResetRatePerSecond, 0, int.MaxValue, nameof(StreamResetRatePerSecond));
        CheckRange(GlitchBurst, 1, int.MaxValue, nameof(GlitchBurst));
        CheckRange(GlitchRatePerSecond, 0, int.MaxValue, nameof(GlitchRatePerSecond));
        CheckRange(MaxTrackedStreams ?? 1, 1, int.MaxValue, nameof(MaxTrackedStreams));
        CheckRange(MaxSettingsEntriesPerFrame, 8, int.MaxValue, nameof(MaxSettingsEntriesPerFrame));
        CheckRange(HeaderListAbuseFactor, 1, int.MaxValue, nameof(HeaderListAbuseFactor));
    }
}
