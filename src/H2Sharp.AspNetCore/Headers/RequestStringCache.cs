using System;
using System.Text;

namespace H2Sharp.AspNetCore;

/// <summary>
/// Turns request header bytes into strings, reusing the string made for the same bytes on an
/// earlier request of the same pooled context: clients repeat most fields (user-agent,
/// accept, content-type) on every request, so after the first request they cost no allocation.
/// </summary>
/// <remarks>Not thread-safe: one cache belongs to one pooled stream context.</remarks>
internal sealed class RequestStringCache
{
    // Enough for the fields a browser or gRPC client repeats; a miss only costs a string.
    private const int Slots = 32;

    // Longer values (cookies, tokens) seldom repeat byte for byte and would make the scan costly.
    private const int MaxCachedLength = 256;

    private readonly byte[]?[] _bytes = new byte[Slots][];
    private readonly string?[] _strings = new string[Slots];
    private int _next;

    /// <summary>The string for <paramref name="bytes"/>, from the cache when the same bytes were seen.</summary>
    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return string.Empty;
        }
        if (bytes.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(bytes);
        }
        for (int i = 0; i < Slots; i++)
        {
            byte[]? cached = _bytes[i];
            if (cached is null)
            {
                break;
            }
            if (cached.Length == bytes.Length && bytes.SequenceEqual(cached))
            {
                return _strings[i]!;
            }
        }
        string made = Encoding.UTF8.GetString(bytes);
        int slot = _next;
        _bytes[slot] = bytes.ToArray();
        _strings[slot] = made;
        _next = (slot + 1) % Slots;
        return made;
    }
}
