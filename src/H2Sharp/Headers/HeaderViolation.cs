namespace H2Sharp.Headers;

/// <summary>Which RFC 9113 section 8 (or RFC 8441) rule a header block broke; <see cref="HeaderRuleMessages"/> words each one.</summary>
internal enum HeaderViolation
{
    /// <summary>No rule broken.</summary>
    None,
    /// <summary>A field name is empty (h2 4.1.0: "rejects empty header names").</summary>
    EmptyName,
    /// <summary>A field name contains 'A' to 'Z' (RFC 9113 section 8.2).</summary>
    UppercaseName,
    /// <summary>A field name contains a byte outside lowercase token characters (RFC 9113 section 8.2.1).</summary>
    IllegalNameCharacter,
    /// <summary>A field value contains NUL, CR or LF (RFC 9113 section 8.2.1).</summary>
    IllegalValueCharacter,
    /// <summary>A field value starts or ends with SP or HTAB (RFC 9113 section 8.2.1).</summary>
    SurroundingWhitespace,
    /// <summary>A pseudo-header field this stack does not define (RFC 9113 section 8.3).</summary>
    UndefinedPseudoHeader,
    /// <summary>A pseudo-header field after a regular field (RFC 9113 section 8.3).</summary>
    PseudoHeaderAfterRegularField,
    /// <summary>The same pseudo-header field twice (RFC 9113 section 8.3).</summary>
    RepeatedPseudoHeader,
    /// <summary>A pseudo-header field in a trailer section (RFC 9113 sections 8.1 and 8.3).</summary>
    PseudoHeaderInTrailers,
    /// <summary>:status in a request (RFC 9113 section 8.3).</summary>
    ResponsePseudoHeaderInRequest,
    /// <summary>A request pseudo-header field in a response (RFC 9113 section 8.3).</summary>
    RequestPseudoHeaderInResponse,
    /// <summary>:protocol without SETTINGS_ENABLE_CONNECT_PROTOCOL = 1 (RFC 8441 section 3).</summary>
    ProtocolNotEnabled,
    /// <summary>:protocol on a method other than CONNECT (RFC 8441 section 4).</summary>
    ProtocolWithoutConnect,
    /// <summary>A request without :method (RFC 9113 section 8.3.1).</summary>
    MissingMethod,
    /// <summary>A non-CONNECT or extended CONNECT request without :scheme (RFC 9113 section 8.3.1, RFC 8441 section 4).</summary>
    MissingScheme,
    /// <summary>A non-CONNECT or extended CONNECT request without :path (RFC 9113 section 8.3.1, RFC 8441 section 4).</summary>
    MissingPath,
    /// <summary>An empty :path (RFC 9113 section 8.3.1).</summary>
    EmptyPath,
    /// <summary>An http/https :path that is neither absolute nor '*' on OPTIONS (RFC 9113 section 8.3.1).</summary>
    InvalidPath,
    /// <summary>A plain CONNECT request with :scheme or :path (RFC 9113 section 8.5).</summary>
    ConnectWithSchemeOrPath,
    /// <summary>A plain CONNECT request without :authority (RFC 9113 section 8.5).</summary>
    ConnectWithoutAuthority,
    /// <summary>:authority and host disagree (RFC 9113 section 8.3.1).</summary>
    AuthorityHostMismatch,
    /// <summary>A response without :status (RFC 9113 section 8.3.2).</summary>
    MissingStatus,
    /// <summary>:status is not a three-digit code from 100 to 599 (RFC 9110 section 15).</summary>
    InvalidStatus,
    /// <summary>An informational block whose :status is not 1xx.</summary>
    InformationalStatusNot1xx,
    /// <summary>A final response block whose :status is 1xx.</summary>
    FinalStatusIs1xx,
    /// <summary>:status 101, which HTTP/2 does not support (RFC 9113 section 8.6).</summary>
    SwitchingProtocolsStatus,
    /// <summary>connection, keep-alive, proxy-connection, transfer-encoding or upgrade (RFC 9113 section 8.2.2).</summary>
    ConnectionSpecificField,
    /// <summary>te with a value other than "trailers" (RFC 9113 section 8.2.2).</summary>
    TeNotTrailers,
    /// <summary>content-length is not 1*DIGIT (RFC 9110 section 8.6).</summary>
    InvalidContentLength,
    /// <summary>Several content-length fields with different values (RFC 9110 section 8.6).</summary>
    ConflictingContentLength,
}
