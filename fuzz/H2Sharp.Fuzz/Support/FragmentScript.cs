using System;

namespace H2Sharp.Fuzz.Support;

/// <summary>
/// Reads an HPACK target input: a flags byte, a count byte giving up to 7 cut bytes, the cut
/// bytes, then the header block data. Cut byte c makes a fragment of (c &amp; 0x7F) octets that
/// ends its block when c &amp; 0x80 is set; the cuts repeat until the data is used up, and the
/// last fragment always ends its block. No cuts: the data is one block in one fragment.
/// </summary>
public ref struct FragmentScript
{
    private readonly ReadOnlySpan<byte> _cuts;
    private ReadOnlySpan<byte> _rest;
    private int _next;
    private int _emptyRun;
    private bool _done;

    /// <summary>Parses the script's head.</summary>
    /// <param name="input">The whole target input.</param>
    public FragmentScript(ReadOnlySpan<byte> input)
    {
        Flags = input.IsEmpty ? (byte)0 : input[0];
        ReadOnlySpan<byte> rest = input.IsEmpty ? default : input[1..];
        int cutCount = rest.IsEmpty ? 0 : rest[0] & 0x07;
        rest = rest.IsEmpty ? default : rest[1..];
        cutCount = Math.Min(cutCount, rest.Length);
        _cuts = rest[..cutCount];
        _rest = rest[cutCount..];
        _next = 0;
        _emptyRun = 0;
        _done = false;
    }

    /// <summary>The flags byte (each target gives its bits a meaning).</summary>
    public byte Flags { get; }

    /// <summary>Takes the next fragment.</summary>
    /// <param name="fragment">The fragment.</param>
    /// <param name="endHeaders">True when the fragment ends its block.</param>
    /// <returns>False when nothing is left.</returns>
    public bool Next(out ReadOnlySpan<byte> fragment, out bool endHeaders)
    {
        fragment = default;
        endHeaders = false;
        if (_done)
        {
            return false;
        }

        // Zero-length cuts are real (an empty CONTINUATION is legal) but must not loop forever.
        if (_cuts.IsEmpty || _emptyRun > _cuts.Length)
        {
            fragment = _rest;
            endHeaders = true;
            _done = true;
            return true;
        }

        byte cut = _cuts[_next];
        _next = (_next + 1) % _cuts.Length;
        int length = Math.Min(cut & 0x7F, _rest.Length);
        _emptyRun = length == 0 ? _emptyRun + 1 : 0;
        fragment = _rest[..length];
        _rest = _rest[length..];
        endHeaders = (cut & 0x80) != 0;
        if (_rest.IsEmpty)
        {
            endHeaders = true;
            _done = true;
        }

        return true;
    }
}
