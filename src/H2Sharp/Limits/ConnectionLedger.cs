namespace H2Sharp;

/// <summary>
/// The counters behind the connection's abuse limits, kept in one place beside the state
/// machines (each limit is a named <see cref="H2Configuration"/> property with its reason).
/// </summary>
internal sealed class ConnectionLedger
{
    private readonly H2Configuration _config;
    private readonly TokenBucket _resets;
    private readonly TokenBucket _glitches;

    public ConnectionLedger(H2Configuration config)
    {
        _config = config;
        _resets = new TokenBucket(config.TimeProvider, config.StreamResetBurst, config.StreamResetRatePerSecond);
        _glitches = new TokenBucket(config.TimeProvider, config.GlitchBurst, config.GlitchRatePerSecond);
    }

    /// <summary>Rapid-reset tokens left (see <see cref="H2Configuration.StreamResetBurst"/>).</summary>
    public long ResetTokens => _resets.Available;

    /// <summary>Glitch tokens left (see <see cref="H2Configuration.GlitchBurst"/>).</summary>
    public long GlitchTokens => _glitches.Available;

    /// <summary>
    /// A stream the peer opened was reset, by the peer or by us because of its fault (rapid
    /// reset, CVE-2023-44487); throws when the peer does so faster than
    /// <see cref="H2Configuration.StreamResetBurst"/> and <see cref="H2Configuration.StreamResetRatePerSecond"/> allow.
    /// </summary>
    public void ChargeReset()
    {
        if (!_resets.TryTake())
        {
            throw new DenialOfServiceException(
                $"The peer had more streams reset than StreamResetBurst = {_config.StreamResetBurst} plus StreamResetRatePerSecond = {_config.StreamResetRatePerSecond} per second allow (rapid reset, CVE-2023-44487).",
                ErrorCode.EnhanceYourCalm, 0);
        }
    }

    /// <summary>
    /// The peer made us do useless work (a stream error, an empty DATA frame, PRIORITY, an unknown
    /// frame, a discarded header block); throws when it does so faster than
    /// <see cref="H2Configuration.GlitchBurst"/> and <see cref="H2Configuration.GlitchRatePerSecond"/> allow.
    /// </summary>
    public void ChargeGlitch()
    {
        if (!_glitches.TryTake())
        {
            throw new DenialOfServiceException(
                $"The peer sent more useless or faulty frames than GlitchBurst = {_config.GlitchBurst} plus GlitchRatePerSecond = {_config.GlitchRatePerSecond} per second allow.",
                ErrorCode.EnhanceYourCalm, 0);
        }
    }

    /// <summary>A stream error the peer caused: a glitch, and a reset when the peer opened the stream.</summary>
    public void ChargeStreamError(bool peerStream)
    {
        ChargeGlitch();
        if (peerStream)
        {
            ChargeReset();
        }
    }

    /// <summary>Checks the number of entries of a received SETTINGS frame against <see cref="H2Configuration.MaxSettingsEntriesPerFrame"/>.</summary>
    public void CheckSettingsEntries(int count)
    {
        if (count > _config.MaxSettingsEntriesPerFrame)
        {
            throw new DenialOfServiceException(
                $"The peer sent a SETTINGS frame with {count} entries; the limit is MaxSettingsEntriesPerFrame = {_config.MaxSettingsEntriesPerFrame}.",
                ErrorCode.EnhanceYourCalm, 0);
        }
    }

    /// <summary>Before a new peer stream is kept in memory: checks <see cref="H2Configuration.MaxTrackedStreams"/>.</summary>
    /// <param name="peerStreamsLive">Peer-initiated streams in memory now.</param>
    public void CheckTrackedStreams(int peerStreamsLive)
    {
        long max = _config.EffectiveMaxTrackedStreams;
        if (peerStreamsLive >= max)
        {
            throw new DenialOfServiceException(
                $"The peer would make us hold more than {max} of its streams at once (MaxTrackedStreams; reserved pushed streams count).",
                ErrorCode.EnhanceYourCalm, 0);
        }
    }

    /// <summary>
    /// A header list over <see cref="H2Configuration.MaxHeaderListSize"/>: one stream's problem up
    /// to <see cref="H2Configuration.HeaderListAbuseFactor"/> times the limit, a connection error past it.
    /// </summary>
    /// <param name="headerListSize">The decoded size (name + value + 32 per field).</param>
    /// <param name="limit">The limit in force in the decoder.</param>
    public void CheckHeaderListAbuse(long headerListSize, long limit)
    {
        if (headerListSize > limit * _config.HeaderListAbuseFactor)
        {
            throw new DenialOfServiceException(
                $"A header list of {headerListSize} octets or more is over HeaderListAbuseFactor = {_config.HeaderListAbuseFactor} times the limit of {limit} octets.",
                ErrorCode.EnhanceYourCalm, 0);
        }
    }

    /// <summary>Octets of automatic answers queued since the outbound buffer was last empty.</summary>
    public long ControlBytesQueued { get; private set; }

    /// <summary>Compressed octets of the header block being received.</summary>
    public int HeaderBlockBytes { get; private set; }

    /// <summary>CONTINUATION frames of the header block being received.</summary>
    public int ContinuationFrames { get; private set; }

    /// <summary>
    /// Counts octets the stack queued on its own in answer to the peer; throws when the peer
    /// made us queue more than <see cref="H2Configuration.MaxOutboundBufferedControlBytes"/>
    /// without the caller draining the buffer.
    /// </summary>
    /// <param name="octets">The size of the answer just queued.</param>
    /// <param name="pendingBefore">Octets in the outbound buffer before it was queued.</param>
    public void ChargeControlBytes(int octets, int pendingBefore)
    {
        if (pendingBefore == 0)
        {
            ControlBytesQueued = 0; // the caller drained everything: the peer's debt is paid
        }

        ControlBytesQueued += octets;
        if (ControlBytesQueued > _config.MaxOutboundBufferedControlBytes)
        {
            throw new DenialOfServiceException(
                $"The peer made the connection queue {ControlBytesQueued} octets of automatic answers (PING/SETTINGS ACK, RST_STREAM) without the outbound buffer being drained; the limit is MaxOutboundBufferedControlBytes = {_config.MaxOutboundBufferedControlBytes}.",
                ErrorCode.EnhanceYourCalm, 0);
        }
    }

    /// <summary>Starts counting a new header block with its first fragment.</summary>
    public void StartHeaderBlock(int fragmentLength)
    {
        HeaderBlockBytes = 0;
        ContinuationFrames = 0;
        AddHeaderBlockBytes(fragmentLength);
    }

    /// <summary>Counts one CONTINUATION frame of the block being received.</summary>
    public void AddContinuation(int fragmentLength)
    {
        ContinuationFrames++;
        if (ContinuationFrames > _config.MaxContinuationFrames)
        {
            throw new DenialOfServiceException(
                $"A header block used more than MaxContinuationFrames = {_config.MaxContinuationFrames} CONTINUATION frames (CONTINUATION flood).",
                ErrorCode.EnhanceYourCalm, 0);
        }

        AddHeaderBlockBytes(fragmentLength);
    }

    private void AddHeaderBlockBytes(int fragmentLength)
    {
        HeaderBlockBytes += fragmentLength;
        if (HeaderBlockBytes > _config.MaxHeaderBlockSize)
        {
            throw new DenialOfServiceException(
                $"A compressed header block grew past MaxHeaderBlockSize = {_config.MaxHeaderBlockSize} octets (CONTINUATION flood).",
                ErrorCode.EnhanceYourCalm, 0);
        }
    }
}
