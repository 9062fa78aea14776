namespace H2Sharp;

/// <summary>
/// One send flow-control window (what we may still send the peer, on a stream or on the whole
/// connection), owning RFC 9113 section 6.9.1's bound: "A sender MUST NOT allow a flow-control
/// window to exceed 2^31-1 octets." A mutable struct: keep it in a field and call it in place.
/// </summary>
internal struct SendWindow
{
    /// <summary>The largest window RFC 9113 section 6.9.1 allows, 2^31-1.</summary>
    public const long Max = int.MaxValue;

    public SendWindow(long size)
    {
        Size = size;
    }

    /// <summary>What we may still send; negative after the peer shrank SETTINGS_INITIAL_WINDOW_SIZE (RFC 9113 6.9.2).</summary>
    public long Size { readonly get; private set; }

    /// <summary>Whether moving the window by <paramref name="delta"/> keeps it within 2^31-1.</summary>
    public readonly bool CanMove(long delta) => Size + delta <= Max;

    /// <summary>Moves the window by a WINDOW_UPDATE increment or a settings change; false (nothing changed) past 2^31-1.</summary>
    public bool TryMove(long delta)
    {
        if (!CanMove(delta))
        {
            return false;
        }

        Size += delta;
        return true;
    }

    /// <summary>Takes what a DATA frame we send counts against the window.</summary>
    public void Consume(int flowControlledLength) => Size -= flowControlledLength;
}
