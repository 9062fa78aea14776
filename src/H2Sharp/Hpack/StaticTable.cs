using System;

namespace H2Sharp.Hpack;

/// <summary>
/// The static table of RFC 7541 Appendix A (indices 1 to 61) and its lookup: a perfect hash of
/// three octets and the length finds the only name a query can be, so a query compares bytes
/// with one name; the entries of one name are consecutive.
/// </summary>
internal static class StaticTable
{
    /// <summary>The number of entries (RFC 7541 Appendix A).</summary>
    public const int Count = 61;

    // The longest name in the table is access-control-allow-origin (27 octets).
    private const int MaxNameLength = 27;

    // Entry i (1-based) is s_entries[i - 1]. Generated from the RFC text of Appendix A.
    private static readonly StaticEntry[] s_entries =
    [
        new(":authority"u8.ToArray(), ""u8.ToArray()),
        new(":method"u8.ToArray(), "GET"u8.ToArray()),
        new(":method"u8.ToArray(), "POST"u8.ToArray()),
        new(":path"u8.ToArray(), "/"u8.ToArray()),
        new(":path"u8.ToArray(), "/index.html"u8.ToArray()),
        new(":scheme"u8.ToArray(), "http"u8.ToArray()),
        new(":scheme"u8.ToArray(), "https"u8.ToArray()),
        new(":status"u8.ToArray(), "200"u8.ToArray()),
        new(":status"u8.ToArray(), "204"u8.ToArray()),
        new(":status"u8.ToArray(), "206"u8.ToArray()),
        new(":status"u8.ToArray(), "304"u8.ToArray()),
        new(":status"u8.ToArray(), "400"u8.ToArray()),
        new(":status"u8.ToArray(), "404"u8.ToArray()),
        new(":status"u8.ToArray(), "500"u8.ToArray()),
        new("accept-charset"u8.ToArray(), ""u8.ToArray()),
        new("accept-encoding"u8.ToArray(), "gzip, deflate"u8.ToArray()),
        new("accept-language"u8.ToArray(), ""u8.ToArray()),
        new("accept-ranges"u8.ToArray(), ""u8.ToArray()),
        new("accept"u8.ToArray(), ""u8.ToArray()),
        new("access-control-allow-origin"u8.ToArray(), ""u8.ToArray()),
        new("age"u8.ToArray(), ""u8.ToArray()),
        new("allow"u8.ToArray(), ""u8.ToArray()),
        new("authorization"u8.ToArray(), ""u8.ToArray()),
        new("cache-control"u8.ToArray(), ""u8.ToArray()),
        new("content-disposition"u8.ToArray(), ""u8.ToArray()),
        new("content-encoding"u8.ToArray(), ""u8.ToArray()),
        new("content-language"u8.ToArray(), ""u8.ToArray()),
        new("content-length"u8.ToArray(), ""u8.ToArray()),
        new("content-location"u8.ToArray(), ""u8.ToArray()),
        new("content-range"u8.ToArray(), ""u8.ToArray()),
        new("content-type"u8.ToArray(), ""u8.ToArray()),
        new("cookie"u8.ToArray(), ""u8.ToArray()),
        new("date"u8.ToArray(), ""u8.ToArray()),
        new("etag"u8.ToArray(), ""u8.ToArray()),
        new("expect"u8.ToArray(), ""u8.ToArray()),
        new("expires"u8.ToArray(), ""u8.ToArray()),
        new("from"u8.ToArray(), ""u8.ToArray()),
        new("host"u8.ToArray(), ""u8.ToArray()),
        new("if-match"u8.ToArray(), ""u8.ToArray()),
        new("if-modified-since"u8.ToArray(), ""u8.ToArray()),
        new("if-none-match"u8.ToArray(), ""u8.ToArray()),
        new("if-range"u8.ToArray(), ""u8.ToArray()),
        new("if-unmodified-since"u8.ToArray(), ""u8.ToArray()),
        new("last-modified"u8.ToArray(), ""u8.ToArray()),
        new("link"u8.ToArray(), ""u8.ToArray()),
        new("location"u8.ToArray(), ""u8.ToArray()),
        new("max-forwards"u8.ToArray(), ""u8.ToArray()),
        new("proxy-authenticate"u8.ToArray(), ""u8.ToArray()),
        new("proxy-authorization"u8.ToArray(), ""u8.ToArray()),
        new("range"u8.ToArray(), ""u8.ToArray()),
        new("referer"u8.ToArray(), ""u8.ToArray()),
        new("refresh"u8.ToArray(), ""u8.ToArray()),
        new("retry-after"u8.ToArray(), ""u8.ToArray()),
        new("server"u8.ToArray(), ""u8.ToArray()),
        new("set-cookie"u8.ToArray(), ""u8.ToArray()),
        new("strict-transport-security"u8.ToArray(), ""u8.ToArray()),
        new("transfer-encoding"u8.ToArray(), ""u8.ToArray()),
        new("user-agent"u8.ToArray(), ""u8.ToArray()),
        new("vary"u8.ToArray(), ""u8.ToArray()),
        new("via"u8.ToArray(), ""u8.ToArray()),
        new("www-authenticate"u8.ToArray(), ""u8.ToArray()),
    ];

    // Lookup by a perfect hash of the name: s_nameSlots[NameSlot(name)] is the first entry
    // (1-based) of the one name that hashes there, or 0. The multipliers were found by search so
    // that the 52 distinct names of Appendix A fall in 52 different slots of 256; the type
    // initialiser checks it. A query then costs one hash of three octets and one compare.
    private const int SlotCount = 256;
    private static readonly byte[] s_nameSlots = BuildNameSlots();

    // s_nameEnd[i] = one past the last entry (1-based) that shares entry i's name.
    private static readonly byte[] s_nameEnd = BuildNameEnds();

    /// <summary>The name of entry <paramref name="index"/> (1..61).</summary>
    /// <param name="index">The 1-based index.</param>
    /// <returns>The name bytes.</returns>
    public static ReadOnlySpan<byte> GetName(int index) => s_entries[index - 1].Name;

    /// <summary>The value of entry <paramref name="index"/> (1..61).</summary>
    /// <param name="index">The 1-based index.</param>
    /// <returns>The value bytes.</returns>
    public static ReadOnlySpan<byte> GetValue(int index) => s_entries[index - 1].Value;

    /// <summary>Finds a field in the table.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The field value.</param>
    /// <param name="nameIndex">The first entry with this name, or 0 if none.</param>
    /// <returns>The index of the entry with this name and value, or 0 if none.</returns>
    public static int Find(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, out int nameIndex)
    {
        nameIndex = 0;
        if ((uint)(name.Length - 1) >= MaxNameLength)
        {
            return 0;
        }

        int first = s_nameSlots[NameSlot(name)];
        if (first == 0 || !name.SequenceEqual(s_entries[first - 1].Name))
        {
            return 0;
        }

        nameIndex = first;
        int end = s_nameEnd[first];
        for (int i = first; i < end; i++)
        {
            if (value.SequenceEqual(s_entries[i - 1].Value))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>The name's slot: a hash of its length and its first, middle and last octets (name not empty).</summary>
    private static int NameSlot(ReadOnlySpan<byte> name) =>
        ((name.Length * 3) + name[0] + (name[^1] * 57) + (name[name.Length >> 1] * 60)) & (SlotCount - 1);

    private static bool SameNameAsPrevious(int i) =>
        i > 0 && s_entries[i].Name.AsSpan().SequenceEqual(s_entries[i - 1].Name);

    private static byte[] BuildNameSlots()
    {
        var slots = new byte[SlotCount];
        for (int i = 0; i < Count; i++)
        {
            if (SameNameAsPrevious(i))
            {
                continue;
            }

            int slot = NameSlot(s_entries[i].Name);
            if (slots[slot] != 0)
            {
                throw new InvalidOperationException($"Static table names {s_entries[slots[slot] - 1].Name.Length} and {s_entries[i].Name.Length} octets long share slot {slot}: the name hash is no longer perfect.");
            }

            slots[slot] = (byte)(i + 1);
        }

        return slots;
    }

    private static byte[] BuildNameEnds()
    {
        var ends = new byte[Count + 1];
        for (int i = Count - 1; i >= 0; i--)
        {
            bool sameAsNext = i + 1 < Count && SameNameAsPrevious(i + 1);
            ends[i + 1] = sameAsNext ? ends[i + 2] : (byte)(i + 2);
        }

        return ends;
    }

    private readonly record struct StaticEntry(byte[] Name, byte[] Value);
}
