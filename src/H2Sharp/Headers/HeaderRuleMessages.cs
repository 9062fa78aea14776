using System;
using System.Text;

namespace H2Sharp.Headers;

/// <summary>
/// Words a <see cref="HeaderScanResult"/> as one sentence: the field, what is wrong with it, and the
/// rule. Runs only when a block is rejected. Values are never quoted (they may be secrets such as
/// cookies), except :status, which is only digits when valid.
/// </summary>
internal static class HeaderRuleMessages
{
    /// <summary>The most bytes of a field name quoted in a message: enough to recognise it, bounded against hostile input.</summary>
    public const int MaxQuotedNameBytes = 64;

    /// <summary>Describes the violation <paramref name="result"/> found in <paramref name="headers"/>; null when valid.</summary>
    public static string? Describe(in HeaderScanResult result, ReadOnlySpan<HeaderField> headers, HeaderBlockKind kind)
    {
        if (result.IsValid) return null;
        string field = (uint)result.Index < (uint)headers.Length ? Quote(headers[result.Index].Name.Span) : string.Empty;
        string block = Describe(kind);
        return result.Violation switch
        {
            HeaderViolation.EmptyName => "A header field has an empty name (RFC 9110 section 5.1: a field name is a non-empty token).",
            HeaderViolation.UppercaseName => $"Header field name {field} contains uppercase characters (RFC 9113 section 8.2: field names MUST be lowercase).",
            HeaderViolation.IllegalNameCharacter => $"Header field name {field} contains a character not allowed in field names (RFC 9113 section 8.2.1: only lowercase token characters).",
            HeaderViolation.IllegalValueCharacter => $"The value of header field {field} contains NUL, CR or LF (RFC 9113 section 8.2.1).",
            HeaderViolation.SurroundingWhitespace => $"The value of header field {field} starts or ends with whitespace (RFC 9113 section 8.2.1).",
            HeaderViolation.UndefinedPseudoHeader => $"Pseudo-header field {field} is not defined (RFC 9113 section 8.3).",
            HeaderViolation.PseudoHeaderAfterRegularField => $"Pseudo-header field {field} comes after a regular field (RFC 9113 section 8.3: pseudo-header fields come first).",
            HeaderViolation.RepeatedPseudoHeader => $"Pseudo-header field {field} appears more than once (RFC 9113 section 8.3).",
            HeaderViolation.PseudoHeaderInTrailers => $"Trailers contain pseudo-header field {field} (RFC 9113 section 8.1: trailers MUST NOT include pseudo-header fields).",
            HeaderViolation.ResponsePseudoHeaderInRequest => $"A request contains the response pseudo-header field {field} (RFC 9113 section 8.3).",
            HeaderViolation.RequestPseudoHeaderInResponse => $"{block} contains the request pseudo-header field {field} (RFC 9113 section 8.3).",
            HeaderViolation.ProtocolNotEnabled => "A request contains ':protocol' but extended CONNECT is not enabled (RFC 8441 section 3: SETTINGS_ENABLE_CONNECT_PROTOCOL).",
            HeaderViolation.ProtocolWithoutConnect => "A request contains ':protocol' but its ':method' is not CONNECT (RFC 8441 section 4).",
            HeaderViolation.MissingMethod => "A request has no ':method' pseudo-header field (RFC 9113 section 8.3.1).",
            HeaderViolation.MissingScheme => "A request has no ':scheme' pseudo-header field (RFC 9113 section 8.3.1; RFC 8441 section 4 for extended CONNECT).",
            HeaderViolation.MissingPath => "A request has no ':path' pseudo-header field (RFC 9113 section 8.3.1; RFC 8441 section 4 for extended CONNECT).",
            HeaderViolation.EmptyPath => "A request has an empty ':path' pseudo-header field (RFC 9113 section 8.3.1).",
            HeaderViolation.InvalidPath => "A request's ':path' neither starts with '/' nor is '*' on an OPTIONS request (RFC 9113 section 8.3.1).",
            HeaderViolation.ConnectWithSchemeOrPath => $"A CONNECT request contains {field} (RFC 9113 section 8.5: ':scheme' and ':path' MUST be omitted).",
            HeaderViolation.ConnectWithoutAuthority => "A CONNECT request has no ':authority' pseudo-header field (RFC 9113 section 8.5).",
            HeaderViolation.AuthorityHostMismatch => "A request's 'host' header field differs from its ':authority' pseudo-header field (RFC 9113 section 8.3.1).",
            HeaderViolation.MissingStatus => $"{block} has no ':status' pseudo-header field (RFC 9113 section 8.3.2).",
            HeaderViolation.InvalidStatus => $"{block} has an invalid ':status' {StatusOf(result, headers)} (RFC 9110 section 15: three digits, 100 to 599).",
            HeaderViolation.InformationalStatusNot1xx => $"An informational response has the final ':status' {StatusOf(result, headers)} (RFC 9113 section 8.1: interim responses are 1xx).",
            HeaderViolation.FinalStatusIs1xx => $"A final response has the informational ':status' {StatusOf(result, headers)} (RFC 9113 section 8.1).",
            HeaderViolation.SwitchingProtocolsStatus => "A response has ':status' 101, which HTTP/2 does not support (RFC 9113 section 8.6).",
            HeaderViolation.ConnectionSpecificField => $"Header field {field} is connection-specific and not allowed in HTTP/2 (RFC 9113 section 8.2.2).",
            HeaderViolation.TeNotTrailers => "Header field 'te' has a value other than \"trailers\" (RFC 9113 section 8.2.2).",
            HeaderViolation.InvalidContentLength => "Header field 'content-length' is not a decimal number (RFC 9110 section 8.6: Content-Length = 1*DIGIT).",
            HeaderViolation.ConflictingContentLength => "Header fields 'content-length' disagree (RFC 9110 section 8.6).",
            _ => $"Header block broke rule {result.Violation}.",
        };
    }

    private static string Describe(HeaderBlockKind kind) => kind switch
    {
        HeaderBlockKind.Request => "A request",
        HeaderBlockKind.Informational => "An informational response",
        HeaderBlockKind.Trailers => "A trailer section",
        _ => "A response",
    };

    private static string StatusOf(in HeaderScanResult result, ReadOnlySpan<HeaderField> headers) =>
        (uint)result.Index < (uint)headers.Length ? Quote(headers[result.Index].Value.Span) : "''";

    /// <summary>Quotes bytes for a message: printable ASCII as is, others as \xNN, cut at <see cref="MaxQuotedNameBytes"/>.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(Math.Min(bytes.Length, MaxQuotedNameBytes) + 2);
        text.Append('\'');
        for (int i = 0; i < bytes.Length && i < MaxQuotedNameBytes; i++)
        {
            byte b = bytes[i];
            if (b is >= 0x21 and < 0x7f && b != (byte)'\\') text.Append((char)b);
            else text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (bytes.Length > MaxQuotedNameBytes) text.Append("...");
        text.Append('\'');
        return text.ToString();
    }
}
