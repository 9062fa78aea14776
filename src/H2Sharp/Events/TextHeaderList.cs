using System;
using System.Collections;
using System.Collections.Generic;
using System.Text;

namespace H2Sharp.Events;

/// <summary>
/// A header block as text (h2's <c>header_encoding</c>): the same fields as the event's
/// <c>Headers</c>, names and values decoded with <see cref="H2Configuration.HeaderEncoding"/>.
/// Nothing is decoded until first read; then every field is decoded once and cached. Header
/// events carry one only when an encoding is configured, so callers who want bytes pay nothing.
/// </summary>
/// <remarks>
/// Decoding uses the encoding's own fallback: the default UTF-8 and Latin-1 encodings replace
/// invalid bytes; an encoding built with an exception fallback throws its
/// <see cref="DecoderFallbackException"/> when the list is first read.
/// </remarks>
public sealed class TextHeaderList : IReadOnlyList<KeyValuePair<string, string>>
{
    private readonly IReadOnlyList<HeaderField> _fields;
    private KeyValuePair<string, string>[]? _decoded;

    private TextHeaderList(IReadOnlyList<HeaderField> fields, Encoding encoding)
    {
        _fields = fields;
        Encoding = encoding;
    }

    /// <summary>The encoding the fields are decoded with.</summary>
    public Encoding Encoding { get; }

    /// <summary>The number of fields (the same as the event's <c>Headers</c>).</summary>
    public int Count => _fields.Count;

    /// <summary>The field at <paramref name="index"/>, decoded.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1, in the order received.</param>
    public KeyValuePair<string, string> this[int index] => Decoded[index];

    /// <summary>The value of the first field named <paramref name="name"/> (names are compared ordinally; HTTP/2 names are lowercase), or null.</summary>
    /// <param name="name">The field name, e.g. <c>":path"</c> or <c>"content-type"</c>.</param>
    /// <returns>The decoded value, or null when there is no such field.</returns>
    public string? GetValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var field in Decoded)
        {
            if (string.Equals(field.Key, name, StringComparison.Ordinal))
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)Decoded).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The text view of <paramref name="fields"/>, or null when <paramref name="encoding"/> is null.</summary>
    internal static TextHeaderList? Create(IReadOnlyList<HeaderField> fields, Encoding? encoding) =>
        encoding is null ? null : new TextHeaderList(fields, encoding);

    private KeyValuePair<string, string>[] Decoded => _decoded ??= Decode();

    private KeyValuePair<string, string>[] Decode()
    {
        var result = new KeyValuePair<string, string>[_fields.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var field = _fields[i];
            result[i] = new(Encoding.GetString(field.Name.Span), Encoding.GetString(field.Value.Span));
        }

        return result;
    }
}
