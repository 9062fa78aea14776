using System;
using System.Collections.Generic;

namespace H2Sharp;

/// <summary>The few facts the connection reads from a header block: :status, :method, content-length.</summary>
internal static class HeaderBlockFacts
{
    /// <summary>The :status value as a number, or -1 when absent or not three digits.</summary>
    public static int Status(ReadOnlySpan<HeaderField> fields)
    {
        foreach (var f in fields)
        {
            if (f.Name.Span.SequenceEqual(":status"u8))
            {
                var v = f.Value.Span;
                if (v.Length == 3 && IsDigit(v[0]) && IsDigit(v[1]) && IsDigit(v[2]))
                {
                    return ((v[0] - '0') * 100) + ((v[1] - '0') * 10) + (v[2] - '0');
                }

                return -1;
            }
        }

        return -1;
    }

    /// <summary>Same as <see cref="Status(ReadOnlySpan{HeaderField})"/> for any list.</summary>
    public static int Status(IReadOnlyList<HeaderField> fields) => Status(AsSpan(fields, out _));

    /// <summary>Whether :method is HEAD.</summary>
    public static bool IsHead(IReadOnlyList<HeaderField> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name.Span.SequenceEqual(":method"u8))
            {
                return fields[i].Value.Span.SequenceEqual("HEAD"u8);
            }
        }

        return false;
    }

    /// <summary>
    /// Reads content-length strictly: digits only (no sign, no spaces, no list), and repeated
    /// fields must agree (beyond h2). Returns false when the value is invalid; length is -1 when
    /// there is none.
    /// </summary>
    public static bool TryContentLength(ReadOnlySpan<HeaderField> fields, out long length)
    {
        length = -1;
        foreach (var f in fields)
        {
            if (!f.Name.Span.SequenceEqual("content-length"u8))
            {
                continue;
            }

            var v = f.Value.Span;
            // RFC 9110 8.6: Content-Length = 1*DIGIT
            if (v.IsEmpty || v.Length > 18)
            {
                return false;
            }

            long value = 0;
            foreach (byte b in v)
            {
                if (!IsDigit(b))
                {
                    return false;
                }

                value = (value * 10) + (b - '0');
            }

            // RFC 9110 8.6: differing values make the message invalid.
            if (length >= 0 && length != value)
            {
                return false;
            }

            length = value;
        }

        return true;
    }

    /// <summary>A span over the list without copying when it is an array, otherwise a copy.</summary>
    public static ReadOnlySpan<HeaderField> AsSpan(IReadOnlyList<HeaderField> fields, out HeaderField[]? copy)
    {
        copy = null;
        if (fields is HeaderField[] array)
        {
            return array;
        }

        if (fields is List<HeaderField> list)
        {
            return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
        }

        copy = new HeaderField[fields.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = fields[i];
        }

        return copy;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
