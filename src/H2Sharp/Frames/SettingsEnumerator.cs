using System;

namespace H2Sharp.Frames;

/// <summary>Enumerates the settings of a SETTINGS frame (<c>SettingsFrame.GetEnumerator</c>) in order, without allocation.</summary>
public ref struct SettingsEnumerator
{
    private readonly ReadOnlySpan<byte> _payload;
    private int _offset;

    internal SettingsEnumerator(ReadOnlySpan<byte> payload)
    {
        _payload = payload;
        _offset = -Setting.Size;
    }

    /// <summary>The current setting; valid after <see cref="MoveNext"/> returned true.</summary>
    public readonly Setting Current => Setting.Read(_payload.Slice(_offset, Setting.Size));

    /// <summary>Moves to the next setting.</summary>
    /// <returns>False when there are no more settings.</returns>
    public bool MoveNext()
    {
        int next = _offset + Setting.Size;
        if (next + Setting.Size > _payload.Length)
        {
            return false;
        }

        _offset = next;
        return true;
    }
}
