using System;

namespace H2Sharp;

/// <summary>
/// One receive flow-control window (what the peer may still send us) together with h2's
/// automatic strategy for reopening it (h2's <c>WindowManager</c>): processed bytes are
/// collected and given back in one WINDOW_UPDATE once half the window is processed, or sooner
/// when the window is fully closed. A mutable struct: keep it in a field and call it in place.
/// </summary>
internal struct ReceiveWindow
{
    private long _processed;

    public ReceiveWindow(int size)
    {
        Size = size;
        MaxSize = size;
    }

    /// <summary>What the peer may still send; negative after the initial size shrank.</summary>
    public long Size { get; private set; }

    /// <summary>The window size the automatic strategy aims to keep (grows when the user opens it wider).</summary>
    public long MaxSize { get; private set; }

    /// <summary>Takes <paramref name="length"/> from the window; false (nothing changed) when the peer overran it.</summary>
    public bool TryConsume(int length)
    {
        // RFC 9113 6.9.1: "A receiver MAY respond with a stream error or connection error of
        // type FLOW_CONTROL_ERROR if it is unable to accept a frame" larger than the window.
        if (length > Size)
        {
            return false;
        }

        Size -= length;
        return true;
    }

    /// <summary>Opens the window by a manual increment; false when it would pass 2^31-1.</summary>
    public bool TryOpen(int increment)
    {
        if (Size + increment > int.MaxValue)
        {
            return false;
        }

        Size += increment;
        MaxSize = Math.Max(MaxSize, Size);
        return true;
    }

    /// <summary>Applies a change of SETTINGS_INITIAL_WINDOW_SIZE (RFC 9113 6.9.2).</summary>
    public void Adjust(long delta)
    {
        Size += delta;
        MaxSize = Math.Max(0, MaxSize + delta);
    }

    /// <summary>
    /// Records that <paramref name="bytes"/> were processed and returns the increment to send
    /// now (0 for none), already applied to the window.
    /// </summary>
    public int Process(int bytes)
    {
        _processed += bytes;
        if (_processed == 0)
        {
            return 0;
        }

        long maxIncrement = MaxSize - Size;
        long increment = 0;
        // h2: a closed window reopens as soon as a little was processed, otherwise at half.
        if ((Size <= 0 && _processed > Math.Min(1024, MaxSize / 4)) || _processed >= MaxSize / 2)
        {
            increment = Math.Min(_processed, maxIncrement);
            _processed = 0;
        }

        if (increment <= 0)
        {
            return 0;
        }

        Size += increment;
        return (int)increment;
    }
}
