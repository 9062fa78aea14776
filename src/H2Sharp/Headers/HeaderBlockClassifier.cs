using System;
using System.Text;

namespace H2Sharp.Headers;

/// <summary>Tells an informational (1xx) response block from a final one, before the rules run on it.</summary>
internal static class HeaderBlockClassifier
{
    /// <summary>
    /// <see cref="HeaderBlockKind.Informational"/> when the block's :status is three digits starting
    /// with '1', else <see cref="HeaderBlockKind.Response"/> (a missing or broken :status is then
    /// reported by the rules). Reads only the leading pseudo-header fields, where :status must be.
    /// The name compare ignores case, as outbound names are lowercased only later.
    /// </summary>
    public static HeaderBlockKind ResponseKindOf(ReadOnlySpan<HeaderField> headers)
    {
        foreach (ref readonly HeaderField field in headers)
        {
            ReadOnlySpan<byte> name = field.Name.Span;
            if (name.IsEmpty || name[0] != (byte)':') break;
            if (Ascii.EqualsIgnoreCase(name, PseudoHeader.Status))
            {
                ReadOnlySpan<byte> value = field.Value.Span;
                return value.Length == 3 && value[0] == (byte)'1' && char.IsAsciiDigit((char)value[1]) && char.IsAsciiDigit((char)value[2])
                    ? HeaderBlockKind.Informational : HeaderBlockKind.Response;
            }
        }
        return HeaderBlockKind.Response;
    }
}
