using System;

namespace H2Sharp.Fuzz.Support;

/// <summary>
/// Cuts an input into slices whose lengths follow from one selector byte, so the fuzzer
/// explores how the code under test copes with data arriving in pieces. Selector 0 means
/// "all at once"; otherwise slices are 1 to (selector &amp; 0x1F) + 1 octets long, their
/// lengths drawn from a tiny generator seeded with the selector (deterministic).
/// </summary>
public ref struct Slicer
{
    private ReadOnlySpan<byte> _rest;
    private readonly int _maxSlice;
    private uint _state;

    /// <summary>Creates a slicer over <paramref name="data"/>.</summary>
    /// <param name="data">The bytes to cut.</param>
    /// <param name="selector">Picks the slicing; 0 = one slice.</param>
    public Slicer(ReadOnlySpan<byte> data, byte selector)
    {
        _rest = data;
        _maxSlice = selector == 0 ? int.MaxValue : (selector & 0x1F) + 1;
        _state = 0x9E3779B9u ^ (selector * 0x85EBCA6Bu);
    }

    /// <summary>Takes the next slice; false when the data is used up.</summary>
    /// <param name="slice">The next slice.</param>
    /// <returns>True when a slice was taken.</returns>
    public bool Next(out ReadOnlySpan<byte> slice)
    {
        if (_rest.IsEmpty)
        {
            slice = default;
            return false;
        }

        int length = _maxSlice == int.MaxValue ? _rest.Length : 1 + (int)(NextRandom() % (uint)_maxSlice);
        length = Math.Min(length, _rest.Length);
        slice = _rest[..length];
        _rest = _rest[length..];
        return true;
    }

    // xorshift32: enough to vary slice lengths, no allocation, same on every platform.
    private uint NextRandom()
    {
        uint x = _state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        _state = x;
        return x;
    }
}
