using System;
using System.Buffers;

namespace H2Sharp.Headers;

/// <summary>
/// The character classes of field names and values (RFC 9110 sections 5.1 and 5.5, narrowed by
/// RFC 9113 section 8.2.1), as vectorised search tables.
/// </summary>
internal static class FieldCharacters
{
    /// <summary>
    /// The bytes a regular HTTP/2 field name may contain: RFC 9110 tchar without uppercase
    /// (field-name = token; RFC 9113 section 8.2.1 forbids 0x41-0x5a).
    /// </summary>
    public static readonly SearchValues<byte> NameBytes =
        SearchValues.Create("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>The bytes RFC 9113 section 8.2.1 forbids anywhere in a value: NUL, LF and CR.</summary>
    public static readonly SearchValues<byte> ForbiddenValueBytes = SearchValues.Create([0x00, 0x0a, 0x0d]);

    /// <summary>True for ASCII SP and HTAB, which may not start or end a value.</summary>
    public static bool IsWhitespace(byte b) => b == 0x20 || b == 0x09;

    /// <summary>True for 'A' to 'Z'.</summary>
    public static bool IsUppercase(byte b) => (uint)(b - 'A') <= 'Z' - 'A';

    /// <summary>True if <paramref name="bytes"/> starts or ends with SP or HTAB.</summary>
    public static bool HasSurroundingWhitespace(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 0 && (IsWhitespace(bytes[0]) || IsWhitespace(bytes[^1]));

    /// <summary>The number of leading SP/HTAB bytes and the length left after trimming both ends.</summary>
    public static (int Start, int Length) TrimRange(ReadOnlySpan<byte> bytes)
    {
        int start = 0, end = bytes.Length;
        while (start < end && IsWhitespace(bytes[start])) start++;
        while (end > start && IsWhitespace(bytes[end - 1])) end--;
        return (start, end - start);
    }
}
