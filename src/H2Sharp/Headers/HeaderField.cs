using System;
using System.Text;

namespace H2Sharp;

/// <summary>
/// One header field: a name and a value as bytes, as they travel on the wire, and a flag
/// that asks HPACK never to index it (RFC 7541 section 7.1.3), for secrets such as
/// <c>authorization</c> or short <c>cookie</c> values.
/// </summary>
/// <remarks>
/// Build one from strings or from bytes without copying. The equivalent of h2's
/// <c>HeaderTuple</c> and <c>NeverIndexedHeaderTuple</c>. Strings are encoded as UTF-8 by
/// default (h2 encodes <c>str</c> headers as UTF-8 too), where HttpClient sends ASCII only and
/// decodes responses as Latin-1, and Kestrel decodes requests as UTF-8: the same bytes for
/// ASCII text, which is all most headers hold. For Latin-1 (ISO-8859-1, one octet per
/// character, as RFC 9110 section 5.5 treats obs-text) pass <see cref="Encoding.Latin1"/> to
/// <see cref="HeaderField(string, string, Encoding, bool)"/>; read received headers as text with
/// <see cref="GetValueString(Encoding)"/> or <see cref="H2Configuration.HeaderEncoding"/>.
/// See docs/connection.md, "Header encoding".
/// </remarks>
public readonly struct HeaderField : IEquatable<HeaderField>
{
    /// <summary>The per-entry overhead RFC 7541 section 4.1 adds to name and value lengths.</summary>
    public const int EntryOverhead = 32;

    /// <summary>Creates a header field from strings, encoded as UTF-8.</summary>
    /// <param name="name">The field name; HTTP/2 requires lowercase.</param>
    /// <param name="value">The field value.</param>
    /// <param name="neverIndex">True to forbid HPACK from indexing this field, here and at any intermediary.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="value"/> is null.</exception>
    public HeaderField(string name, string value, bool neverIndex = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Name = Encoding.UTF8.GetBytes(name);
        Value = Encoding.UTF8.GetBytes(value);
        NeverIndex = neverIndex;
    }

    /// <summary>Creates a header field from strings in the given encoding (e.g. <see cref="Encoding.Latin1"/>).</summary>
    /// <param name="name">The field name; HTTP/2 requires lowercase (names are ASCII tokens in any encoding).</param>
    /// <param name="value">The field value.</param>
    /// <param name="encoding">How the strings become octets. Characters the encoding cannot represent follow its fallback: <see cref="Encoding.Latin1"/> replaces them with <c>?</c>; an encoding with an exception fallback throws <see cref="EncoderFallbackException"/>.</param>
    /// <param name="neverIndex">True to forbid HPACK from indexing this field, here and at any intermediary.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public HeaderField(string name, string value, Encoding encoding, bool neverIndex = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(encoding);
        Name = encoding.GetBytes(name);
        Value = encoding.GetBytes(value);
        NeverIndex = neverIndex;
    }

    /// <summary>Creates a header field over existing bytes, without copying them.</summary>
    /// <param name="name">The field name bytes; HTTP/2 requires lowercase.</param>
    /// <param name="value">The field value bytes.</param>
    /// <param name="neverIndex">True to forbid HPACK from indexing this field, here and at any intermediary.</param>
    public HeaderField(ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> value, bool neverIndex = false)
    {
        Name = name;
        Value = value;
        NeverIndex = neverIndex;
    }

    /// <summary>The field name as bytes.</summary>
    public ReadOnlyMemory<byte> Name { get; }

    /// <summary>The field value as bytes.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>True if HPACK must encode this field as never indexed.</summary>
    public bool NeverIndex { get; }

    /// <summary>The size HPACK and SETTINGS_MAX_HEADER_LIST_SIZE count for this field: name + value + 32 octets.</summary>
    public int Size => Name.Length + Value.Length + EntryOverhead;

    /// <summary>The name decoded as UTF-8.</summary>
    public string NameString => Encoding.UTF8.GetString(Name.Span);

    /// <summary>The value decoded as UTF-8.</summary>
    public string ValueString => Encoding.UTF8.GetString(Value.Span);

    /// <summary>The value decoded with <paramref name="encoding"/>, e.g. <see cref="Encoding.Latin1"/> for a peer that sends Latin-1.</summary>
    /// <param name="encoding">The encoding the peer used.</param>
    /// <returns>The value as text.</returns>
    public string GetValueString(Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        return encoding.GetString(Value.Span);
    }

    /// <summary>Deconstructs into name and value strings, so <c>var (name, value) = field;</c> works.</summary>
    /// <param name="name">The name as a string.</param>
    /// <param name="value">The value as a string.</param>
    public void Deconstruct(out string name, out string value)
    {
        name = NameString;
        value = ValueString;
    }

    /// <summary>Compares names and values byte by byte, and the never-index flag.</summary>
    /// <param name="other">The field to compare with.</param>
    /// <returns>True if both fields have the same bytes and flag.</returns>
    public bool Equals(HeaderField other) =>
        NeverIndex == other.NeverIndex
        && Name.Span.SequenceEqual(other.Name.Span)
        && Value.Span.SequenceEqual(other.Value.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HeaderField other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Name.Span);
        hash.AddBytes(Value.Span);
        hash.Add(NeverIndex);
        return hash.ToHashCode();
    }

    /// <summary>Returns <c>name: value</c>, for logs and test messages.</summary>
    /// <returns>A readable form of the field.</returns>
    public override string ToString() => NameString + ": " + ValueString;

    /// <summary>Equality by bytes and flag.</summary>
    /// <param name="left">The first field.</param>
    /// <param name="right">The second field.</param>
    /// <returns>True if equal.</returns>
    public static bool operator ==(HeaderField left, HeaderField right) => left.Equals(right);

    /// <summary>Inequality by bytes and flag.</summary>
    /// <param name="left">The first field.</param>
    /// <param name="right">The second field.</param>
    /// <returns>True if not equal.</returns>
    public static bool operator !=(HeaderField left, HeaderField right) => !left.Equals(right);
}
