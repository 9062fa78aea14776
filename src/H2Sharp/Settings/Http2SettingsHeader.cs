using System;

namespace H2Sharp;

/// <summary>
/// The HTTP2-Settings header field value (RFC 7540 section 3.2.1): "the payload of a SETTINGS
/// frame (Section 6.5), encoded as a base64url string (that is, the URL- and filename-safe Base64
/// encoding described in Section 5 of [RFC4648], with any trailing '=' characters omitted)."
/// </summary>
internal static class Http2SettingsHeader
{
    /// <summary>Encodes a SETTINGS payload as base64url without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var text = Convert.ToBase64String(payload).TrimEnd('=').ToCharArray();
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = text[i] switch { '+' => '-', '/' => '_', var c => c };
        }

        return new string(text);
    }

    /// <summary>Decodes a base64url value (padding optional, surrounding spaces ignored).</summary>
    /// <exception cref="ProtocolException">Not base64url (PROTOCOL_ERROR).</exception>
    public static byte[] Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsSpan().Trim(" \t").TrimEnd('=');
        var standard = new char[(text.Length + 3) / 4 * 4];
        for (int i = 0; i < text.Length; i++)
        {
            standard[i] = text[i] switch
            {
                '-' => '+',
                '_' => '/',
                var c when char.IsAsciiLetterOrDigit(c) => c,
                _ => throw Invalid(),
            };
        }

        standard.AsSpan(text.Length).Fill('=');
        var bytes = new byte[standard.Length / 4 * 3];
        if (text.Length % 4 == 1 || !Convert.TryFromBase64Chars(standard, bytes, out int written))
        {
            throw Invalid();
        }

        return bytes.AsSpan(0, written).ToArray();
    }

    private static ProtocolException Invalid() =>
        new("The HTTP2-Settings header field is not base64url (RFC 7540 section 3.2.1); do not upgrade this connection.", ErrorCode.ProtocolError, 0);
}
