using System;
using System.Text;

namespace H2Sharp.AspNetCore;

/// <summary>
/// Turns response header names and values (strings from ASP.NET Core's header dictionary) into
/// the bytes H2Sharp sends, reusing the bytes made for an equal string on an earlier response of
/// the same pooled context, so constant fields (content-type, grpc-status) cost no allocation.
/// </summary>
/// <remarks>Not thread-safe: one cache belongs to one pooled stream context.</remarks>
internal sealed class ResponseBytesCache
{
    private const int Slots = 32;

    // Long values are seldom repeated; they are encoded each time rather than scanned for.
    private const int MaxCachedLength = 256;

    private readonly bool _lowercase;
    private readonly string?[] _strings = new string[Slots];
    private readonly byte[]?[] _bytes = new byte[Slots][];
    private int _next;

    /// <param name="lowercase">
    /// Whether to lowercase ASCII letters (for field names). RFC 9113 section 8.2.1: "Field names
    /// MUST be converted to lowercase when constructing an HTTP/2 message."
    /// </param>
    public ResponseBytesCache(bool lowercase) => _lowercase = lowercase;

    /// <summary>The bytes to send for <paramref name="text"/>.</summary>
    public byte[] Get(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        if (text.Length <= MaxCachedLength)
        {
            for (int i = 0; i < Slots; i++)
            {
                string? cached = _strings[i];
                if (cached is null)
                {
                    break;
                }
                if (ReferenceEquals(cached, text) || string.Equals(cached, text, StringComparison.Ordinal))
                {
                    return _bytes[i]!;
                }
            }
        }
        byte[] made = Encoding.UTF8.GetBytes(text);
        if (_lowercase)
        {
            for (int i = 0; i < made.Length; i++)
            {
                byte b = made[i];
                if (b is >= (byte)'A' and <= (byte)'Z')
                {
                    made[i] = (byte)(b | 0x20);
                }
            }
        }
        if (text.Length <= MaxCachedLength)
        {
            int slot = _next;
            _strings[slot] = text;
            _bytes[slot] = made;
            _next = (slot + 1) % Slots;
        }
        return made;
    }
}
