using System;
using System.Text;

namespace H2Sharp.Headers;

/// <summary>
/// One pass over a header block that checks RFC 9113 sections 8.2 and 8.3 (and 8.5, RFC 8441
/// section 4) and gathers <see cref="HeaderBlockFacts"/>. Shared by both directions: inbound
/// turns a violation into a sentence, outbound into an exception. Allocates nothing.
/// </summary>
internal static class HeaderBlockScanner
{
    /// <summary>
    /// Scans <paramref name="headers"/> as a block of <paramref name="kind"/>. With
    /// <paramref name="validate"/> false no rule is checked (the result is always valid) but the
    /// facts are still gathered. Stops at the first violation, so facts may then be partial.
    /// </summary>
    public static HeaderScanResult Scan(ReadOnlySpan<HeaderField> headers, HeaderBlockKind kind, bool validate, bool extendedConnect, out HeaderBlockFacts facts)
    {
        facts = default;
        facts.ContentLength = -1;
        var seen = PseudoHeaderKind.None;
        bool regularSeen = false;
        int hostIndex = -1, authorityIndex = -1, schemeIndex = -1, pathIndex = -1, protocolIndex = -1, statusIndex = -1;

        for (int i = 0; i < headers.Length; i++)
        {
            ref readonly HeaderField field = ref headers[i];
            // Each span once: ReadOnlyMemory.Span checks the owner's type on every call.
            ReadOnlySpan<byte> name = field.Name.Span;
            ReadOnlySpan<byte> value = field.Value.Span;
            HeaderViolation violation = HeaderViolation.None;

            if (name.Length > 0 && name[0] == (byte)':')
            {
                PseudoHeaderKind pseudo = PseudoHeader.Classify(name);
                switch (pseudo)
                {
                    case PseudoHeaderKind.Method: facts.Method = field.Value; break;
                    case PseudoHeaderKind.Scheme: facts.Scheme = field.Value; schemeIndex = i; break;
                    case PseudoHeaderKind.Path: facts.Path = field.Value; pathIndex = i; break;
                    case PseudoHeaderKind.Authority: facts.Authority = field.Value; authorityIndex = i; break;
                    case PseudoHeaderKind.Protocol: facts.Protocol = field.Value; facts.HasProtocol = true; protocolIndex = i; break;
                    case PseudoHeaderKind.Status: facts.Status = ParseStatus(value); statusIndex = i; break;
                }
                if (validate)
                    violation = CheckPseudo(pseudo, seen, regularSeen, kind, extendedConnect);
                seen |= pseudo;
            }
            else
            {
                regularSeen = true;
                if (validate)
                    violation = CheckRegularName(name);
                if (violation == HeaderViolation.None)
                    violation = InspectRegular(name, value, validate, ref facts, ref hostIndex, i);
            }

            if (validate && violation == HeaderViolation.None)
                violation = CheckValue(value);
            if (violation != HeaderViolation.None)
                return new HeaderScanResult(violation, i);
        }

        if (authorityIndex < 0 && hostIndex >= 0)
            facts.Authority = headers[hostIndex].Value;
        if (!validate)
            return HeaderScanResult.Valid;

        return kind switch
        {
            HeaderBlockKind.Request => CheckRequest(headers, in facts, seen, hostIndex, authorityIndex, schemeIndex, pathIndex, protocolIndex),
            HeaderBlockKind.Response or HeaderBlockKind.Informational => CheckStatus(kind, facts.Status, statusIndex),
            _ => HeaderScanResult.Valid,
        };
    }

    private static HeaderViolation CheckPseudo(PseudoHeaderKind pseudo, PseudoHeaderKind seen, bool regularSeen, HeaderBlockKind kind, bool extendedConnect)
    {
        // RFC 9113 8.3: "Endpoints MUST treat a request or response that contains undefined or
        // invalid pseudo-header fields as malformed."
        if (pseudo == PseudoHeaderKind.None) return HeaderViolation.UndefinedPseudoHeader;
        // RFC 9113 8.3: "All pseudo-header fields MUST appear in a field block before all regular field lines."
        if (regularSeen) return HeaderViolation.PseudoHeaderAfterRegularField;
        // RFC 9113 8.3: "The same pseudo-header field name MUST NOT appear more than once in a field block."
        if ((seen & pseudo) != 0) return HeaderViolation.RepeatedPseudoHeader;
        // RFC 9113 8.1: "Trailers MUST NOT include pseudo-header fields (Section 8.3)."
        if (kind == HeaderBlockKind.Trailers) return HeaderViolation.PseudoHeaderInTrailers;
        // RFC 9113 8.3: "Pseudo-header fields defined for requests MUST NOT appear in responses;
        // pseudo-header fields defined for responses MUST NOT appear in requests."
        if (kind == HeaderBlockKind.Request)
        {
            if (pseudo == PseudoHeaderKind.Status) return HeaderViolation.ResponsePseudoHeaderInRequest;
        }
        else if ((pseudo & PseudoHeaderKind.RequestOnly) != 0)
        {
            return HeaderViolation.RequestPseudoHeaderInResponse;
        }
        // RFC 8441 3: "If a client were to use the provisions of the extended CONNECT method defined in
        // this document without first receiving a SETTINGS_ENABLE_CONNECT_PROTOCOL parameter, a
        // non-supporting peer would detect a malformed request".
        if (pseudo == PseudoHeaderKind.Protocol && !extendedConnect) return HeaderViolation.ProtocolNotEnabled;
        return HeaderViolation.None;
    }

    private static HeaderViolation CheckRegularName(ReadOnlySpan<byte> name)
    {
        // h2 4.1.0: "Header validation now rejects empty header names": field-name = token = 1*tchar.
        if (name.IsEmpty) return HeaderViolation.EmptyName;
        // RFC 9113 8.2.1: "A field name MUST NOT contain characters in the ranges 0x00-0x20, 0x41-0x5a,
        // or 0x7f-0xff" and "field names MUST NOT include a colon"; RFC 9110 5.1: field-name = token.
        int bad = name.IndexOfAnyExcept(FieldCharacters.NameBytes);
        if (bad < 0) return HeaderViolation.None;
        // RFC 9113 8.2: "Field names MUST be converted to lowercase when constructing an HTTP/2 message."
        return FieldCharacters.IsUppercase(name[bad]) ? HeaderViolation.UppercaseName : HeaderViolation.IllegalNameCharacter;
    }

    private static HeaderViolation CheckValue(ReadOnlySpan<byte> value)
    {
        // RFC 9113 8.2.1: "A field value MUST NOT contain the zero value (ASCII NUL, 0x00), line feed
        // (ASCII LF, 0x0a), or carriage return (ASCII CR, 0x0d) at any position."
        if (value.IndexOfAny(FieldCharacters.ForbiddenValueBytes) >= 0) return HeaderViolation.IllegalValueCharacter;
        // RFC 9113 8.2.1: "A field value MUST NOT start or end with an ASCII whitespace character
        // (ASCII SP or HTAB, 0x20 or 0x09)."
        return FieldCharacters.HasSurroundingWhitespace(value) ? HeaderViolation.SurroundingWhitespace : HeaderViolation.None;
    }

    /// <summary>
    /// The regular fields with meaning to HTTP/2: dispatch on length so most names cost one
    /// compare. With <paramref name="validate"/> the name has passed <see cref="CheckRegularName"/>,
    /// so it is lowercase and exact compares find the connection-specific fields.
    /// </summary>
    private static HeaderViolation InspectRegular(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool validate, ref HeaderBlockFacts facts, ref int hostIndex, int index)
    {
        switch (name.Length)
        {
            case 2 when name.SequenceEqual(ConnectionSpecificHeaders.Te):
                // RFC 9113 8.2.2: "The only exception to this is the TE header field, which MAY be present
                // in an HTTP/2 request; when it is, it MUST NOT contain any value other than "trailers"."
                return validate && !Ascii.EqualsIgnoreCase(value, ConnectionSpecificHeaders.Trailers)
                    ? HeaderViolation.TeNotTrailers : HeaderViolation.None;
            case 4 when name.SequenceEqual("host"u8):
                hostIndex = index;
                return HeaderViolation.None;
            case 14 when name.SequenceEqual("content-length"u8):
                HeaderViolation lengthViolation = ReadContentLength(value, ref facts);
                return validate ? lengthViolation : HeaderViolation.None;
            // RFC 9113 8.2.2: "Any message containing connection-specific header fields MUST be treated as malformed."
            case 7 or 10 or 16 or 17 when validate && IsConnectionSpecificLowercase(name):
                return HeaderViolation.ConnectionSpecificField;
            default:
                return HeaderViolation.None;
        }
    }

    /// <summary><see cref="ConnectionSpecificHeaders.IsConnectionSpecific"/> for a name known to be lowercase.</summary>
    private static bool IsConnectionSpecificLowercase(ReadOnlySpan<byte> name) => name.Length switch
    {
        7 => name.SequenceEqual(ConnectionSpecificHeaders.Upgrade),
        10 => name.SequenceEqual(ConnectionSpecificHeaders.Connection) || name.SequenceEqual(ConnectionSpecificHeaders.KeepAlive),
        16 => name.SequenceEqual(ConnectionSpecificHeaders.ProxyConnection),
        17 => name.SequenceEqual(ConnectionSpecificHeaders.TransferEncoding),
        _ => false,
    };

    // RFC 9110 8.6: "Content-Length = 1*DIGIT". Strict: no sign, no spaces, no "42, 42" list; a
    // value that overflows a long is no length at all. Reported whatever the switches (see HeaderBlockFacts).
    private static HeaderViolation ReadContentLength(ReadOnlySpan<byte> value, ref HeaderBlockFacts facts)
    {
        if (facts.ContentLengthInvalid) return HeaderViolation.InvalidContentLength;
        if (!TryParseDigits(value, out long length))
        {
            facts.ContentLength = -1;
            facts.ContentLengthInvalid = true;
            return HeaderViolation.InvalidContentLength;
        }
        if (facts.ContentLength >= 0 && facts.ContentLength != length)
        {
            facts.ContentLength = -1;
            facts.ContentLengthInvalid = true;
            return HeaderViolation.ConflictingContentLength;
        }
        facts.ContentLength = length;
        return HeaderViolation.None;
    }

    /// <summary>Parses 1*DIGIT into a non-negative long; false on an empty value, a non-digit or overflow.</summary>
    internal static bool TryParseDigits(ReadOnlySpan<byte> value, out long result)
    {
        result = 0;
        if (value.IsEmpty) return false;
        foreach (byte b in value)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9 || result > (long.MaxValue - digit) / 10) { result = 0; return false; }
            result = (result * 10) + digit;
        }
        return true;
    }

    /// <summary>Three ASCII digits as a number, or 0.</summary>
    private static int ParseStatus(ReadOnlySpan<byte> value)
    {
        if (value.Length != 3) return 0;
        uint a = (uint)(value[0] - '0'), b = (uint)(value[1] - '0'), c = (uint)(value[2] - '0');
        return a > 9 || b > 9 || c > 9 ? 0 : (int)((a * 100) + (b * 10) + c);
    }

    private static HeaderScanResult CheckRequest(ReadOnlySpan<HeaderField> headers, in HeaderBlockFacts facts, PseudoHeaderKind seen,
        int hostIndex, int authorityIndex, int schemeIndex, int pathIndex, int protocolIndex)
    {
        // RFC 9113 8.3.1: "All HTTP/2 requests MUST include exactly one valid value for the ":method",
        // ":scheme", and ":path" pseudo-header fields, unless they are CONNECT requests (Section 8.5)."
        if ((seen & PseudoHeaderKind.Method) == 0) return new(HeaderViolation.MissingMethod, -1);
        ReadOnlySpan<byte> method = facts.Method.Span;
        bool connect = method.SequenceEqual("CONNECT"u8);

        if (connect && !facts.HasProtocol)
        {
            // RFC 9113 8.5: "The ":scheme" and ":path" pseudo-header fields MUST be omitted."
            if ((seen & (PseudoHeaderKind.Scheme | PseudoHeaderKind.Path)) != 0)
                return new(HeaderViolation.ConnectWithSchemeOrPath, schemeIndex >= 0 ? schemeIndex : pathIndex);
            // RFC 9113 8.5: "The ":authority" pseudo-header field contains the host and port to connect to"
            // and "A CONNECT request that does not conform to these restrictions is malformed."
            if ((seen & PseudoHeaderKind.Authority) == 0)
                return new(HeaderViolation.ConnectWithoutAuthority, -1);
        }
        else
        {
            // RFC 8441 4: "A new pseudo-header field :protocol MAY be included on request HEADERS
            // indicating the desired protocol to be spoken on the tunnel created by CONNECT."
            if (facts.HasProtocol && !connect) return new(HeaderViolation.ProtocolWithoutConnect, protocolIndex);
            // RFC 8441 4: "On requests that contain the :protocol pseudo-header field, the :scheme and
            // :path pseudo-header fields of the target URI (see Section 5) MUST also be included."
            if ((seen & PseudoHeaderKind.Scheme) == 0) return new(HeaderViolation.MissingScheme, -1);
            if ((seen & PseudoHeaderKind.Path) == 0) return new(HeaderViolation.MissingPath, -1);
            HeaderScanResult path = CheckPath(pathIndex, facts.Path.Span, facts.Scheme.Span, method);
            if (!path.IsValid) return path;
        }

        // RFC 9113 8.3.1: "Clients MUST NOT generate a request with a Host header field that differs from
        // the ":authority" pseudo-header field.  A server SHOULD treat a request as malformed if it
        // contains a Host header field that identifies an entity that differs from the entity in the
        // ":authority" pseudo-header field." Host names are case-insensitive (RFC 3986 6.2.2.1).
        if (authorityIndex >= 0 && hostIndex >= 0
            && !Ascii.EqualsIgnoreCase(headers[authorityIndex].Value.Span, headers[hostIndex].Value.Span))
            return new(HeaderViolation.AuthorityHostMismatch, hostIndex);
        return HeaderScanResult.Valid;
    }

    private static HeaderScanResult CheckPath(int index, ReadOnlySpan<byte> path, ReadOnlySpan<byte> scheme, ReadOnlySpan<byte> method)
    {
        // RFC 9113 8.3.1: "This pseudo-header field MUST NOT be empty for "http" or "https" URIs";
        // h2 rejects an empty :path whatever the scheme.
        if (path.IsEmpty) return new(HeaderViolation.EmptyPath, index);
        bool http = Ascii.EqualsIgnoreCase(scheme, "http"u8) || Ascii.EqualsIgnoreCase(scheme, "https"u8);
        // RFC 9113 8.3.1: ":path" "includes the path and query parts of the target URI (the absolute-path
        // production ...)" and "an OPTIONS request for an "http" or "https" URI that does not include a
        // path component; these MUST include a ":path" pseudo-header field with a value of '*'".
        if (http && path[0] != (byte)'/' && !(path.SequenceEqual("*"u8) && method.SequenceEqual("OPTIONS"u8)))
            return new(HeaderViolation.InvalidPath, index);
        return HeaderScanResult.Valid;
    }

    private static HeaderScanResult CheckStatus(HeaderBlockKind kind, int status, int statusIndex)
    {
        // RFC 9113 8.3.2: "This pseudo-header field MUST be included in all responses, including interim
        // responses; otherwise, the response is malformed (Section 8.1.1)."
        if (statusIndex < 0) return new(HeaderViolation.MissingStatus, -1);
        // RFC 9110 15: "The status code of a response is a three-digit integer code" and "Values outside
        // the range 100..599 are invalid."
        if (status is < 100 or > 599) return new(HeaderViolation.InvalidStatus, statusIndex);
        bool informational = status < 200;
        if (kind == HeaderBlockKind.Informational)
        {
            // RFC 9113 8.1: "An interim response consists of a HEADERS frame ... containing the control
            // data and header section of an interim (1xx) HTTP response".
            if (!informational) return new(HeaderViolation.InformationalStatusNot1xx, statusIndex);
            // RFC 9113 8.6: "HTTP/2 does not support the 101 (Switching Protocols) informational status code".
            if (status == 101) return new(HeaderViolation.SwitchingProtocolsStatus, statusIndex);
        }
        else if (informational)
        {
            // RFC 9113 8.1: "followed by a HEADERS frame containing a final status code."
            return new(HeaderViolation.FinalStatusIs1xx, statusIndex);
        }
        return HeaderScanResult.Valid;
    }
}
