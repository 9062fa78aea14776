namespace H2Sharp;

/// <summary>
/// The counters behind the connection's abuse limits, kept in one place beside the state
/// machines (each limit is a named <see cref="H2Configuration"/> property with its reason).
/// </summary>
internal sealed class ConnectionLedger
{
    private readonly H2Configuration _config;

    public ConnectionLedger(H2Configuration config)
    {
        _config = config;
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
