using System;
using System.Collections.Generic;
using System.Text;

namespace H2Sharp.Headers;

/// <summary>
/// h2's outbound normalisation, in its order: lowercase names, split cookies into crumbs, strip
/// surrounding whitespace, drop connection-specific fields, mark secrets never-indexed. One read-only
/// pass decides whether anything changes; if nothing does, the caller's list comes back untouched.
/// </summary>
internal static class OutboundHeaderNormalizer
{
    /// <summary>
    /// Cookie values (or crumbs) shorter than this are never indexed: short secrets are the easiest to
    /// recover by probing a shared compression context (h2's rule; RFC 7541 section 7.1.3).
    /// </summary>
    public const int MinIndexedCookieLength = 20;

    /// <summary>Returns <paramref name="headers"/> itself when nothing needs normalising, otherwise a new list.</summary>
    public static IReadOnlyList<HeaderField> Normalize(IReadOnlyList<HeaderField> headers, bool splitCookies)
    {
        ReadOnlySpan<HeaderField> fields = HeaderFieldSpans.AsSpan(headers);
        int i = 0;
        while (i < fields.Length && !NeedsWork(fields[i], splitCookies)) i++;
        if (i == fields.Length) return headers;

        var result = new List<HeaderField>(fields.Length + 4);
        for (int j = 0; j < i; j++) result.Add(fields[j]);
        for (; i < fields.Length; i++) Append(result, fields[i], splitCookies);
        return result;
    }

    /// <summary>
    /// For a block whose names are known to be lowercase and valid (it passed the rules): whether
    /// <see cref="Normalize"/> would still change it, by splitting a cookie or marking a cookie or
    /// secret never-indexed. Only names of those lengths are read.
    /// </summary>
    public static bool NeedsIndexingWork(ReadOnlySpan<HeaderField> fields, bool splitCookies)
    {
        foreach (ref readonly HeaderField field in fields)
        {
            switch (field.Name.Length)
            {
                case 6 when field.Name.Span.SequenceEqual("cookie"u8):
                    ReadOnlySpan<byte> value = field.Value.Span;
                    if ((splitCookies && value.Contains((byte)';')) || (!field.NeverIndex && value.Length < MinIndexedCookieLength)) return true;
                    break;
                case 13 or 19 when !field.NeverIndex && IsSecret(field.Name.Span):
                    return true;
            }
        }
        return false;
    }

    private static bool NeedsWork(in HeaderField field, bool splitCookies)
    {
        ReadOnlySpan<byte> name = field.Name.Span;
        ReadOnlySpan<byte> value = field.Value.Span;
        if (name.IndexOfAnyInRange((byte)'A', (byte)'Z') >= 0) return true;
        if (FieldCharacters.HasSurroundingWhitespace(name) || FieldCharacters.HasSurroundingWhitespace(value)) return true;
        if (ConnectionSpecificHeaders.IsConnectionSpecific(name)) return true;
        if (IsCookie(name)) return (splitCookies && value.Contains((byte)';')) || (!field.NeverIndex && value.Length < MinIndexedCookieLength);
        return !field.NeverIndex && IsSecret(name);
    }

    private static void Append(List<HeaderField> result, in HeaderField field, bool splitCookies)
    {
        ReadOnlyMemory<byte> name = Trim(field.Name);
        // RFC 9113 8.2: "Field names MUST be converted to lowercase when constructing an HTTP/2 message."
        if (name.Span.IndexOfAnyInRange((byte)'A', (byte)'Z') >= 0)
        {
            var lower = new byte[name.Length];
            Ascii.ToLower(name.Span, lower, out _);
            name = lower;
        }
        // RFC 9113 8.2.2: "An endpoint MUST NOT generate an HTTP/2 message containing connection-specific
        // header fields." h2 2.5.0: "Rather than reject outbound Connection-specific headers, h2 will now
        // normalize the header block by removing them."
        if (ConnectionSpecificHeaders.IsConnectionSpecific(name.Span)) return;

        ReadOnlyMemory<byte> value = Trim(field.Value);
        if (!IsCookie(name.Span))
        {
            result.Add(new HeaderField(name, value, field.NeverIndex || IsSecret(name.Span)));
            return;
        }
        if (!splitCookies || !value.Span.Contains((byte)';'))
        {
            result.Add(Cookie(name, value, field.NeverIndex));
            return;
        }
        // RFC 9113 8.2.3: "the Cookie header field MAY be split into separate header fields, each with
        // one or more cookie-pairs." Crumbs are views over the caller's bytes; empty ones are dropped.
        int added = 0;
        while (true)
        {
            int semicolon = value.Span.IndexOf((byte)';');
            ReadOnlyMemory<byte> crumb = Trim(semicolon < 0 ? value : value[..semicolon]);
            if (!crumb.IsEmpty) { result.Add(Cookie(name, crumb, field.NeverIndex)); added++; }
            if (semicolon < 0) break;
            value = value[(semicolon + 1)..];
        }
        if (added == 0) result.Add(Cookie(name, ReadOnlyMemory<byte>.Empty, field.NeverIndex));
    }

    private static HeaderField Cookie(ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> value, bool neverIndex) =>
        new(name, value, neverIndex || value.Length < MinIndexedCookieLength);

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> bytes)
    {
        (int start, int length) = FieldCharacters.TrimRange(bytes.Span);
        return bytes.Slice(start, length);
    }

    private static bool IsCookie(ReadOnlySpan<byte> name) => Ascii.EqualsIgnoreCase(name, "cookie"u8);

    // h2 2.1.0: "ensure that all Authorization and Proxy-Authorization headers, as well as short Cookie
    // headers, are prevented from being added to encoding contexts."
    private static bool IsSecret(ReadOnlySpan<byte> name) =>
        Ascii.EqualsIgnoreCase(name, "authorization"u8) || Ascii.EqualsIgnoreCase(name, "proxy-authorization"u8);
}
