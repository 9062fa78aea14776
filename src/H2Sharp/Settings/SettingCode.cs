namespace H2Sharp;

/// <summary>
/// SETTINGS parameter identifiers (RFC 9113 section 6.5.2, RFC 8441, RFC 9218).
/// Identifiers not named here pass through as numbers: "An endpoint that receives a
/// SETTINGS frame with any unknown or unsupported identifier MUST ignore that setting."
/// </summary>
public enum SettingCode : ushort
{
    /// <summary>SETTINGS_HEADER_TABLE_SIZE: the HPACK dynamic table size the decoder allows. Initial value 4,096.</summary>
    HeaderTableSize = 0x1,
    /// <summary>SETTINGS_ENABLE_PUSH: 0 or 1; whether server push is allowed. Initial value 1.</summary>
    EnablePush = 0x2,
    /// <summary>SETTINGS_MAX_CONCURRENT_STREAMS: how many streams the sender lets its peer open. Initially unlimited.</summary>
    MaxConcurrentStreams = 0x3,
    /// <summary>SETTINGS_INITIAL_WINDOW_SIZE: the initial stream flow-control window. Initial value 65,535; at most 2^31-1.</summary>
    InitialWindowSize = 0x4,
    /// <summary>SETTINGS_MAX_FRAME_SIZE: the largest frame payload the sender accepts, 16,384 to 16,777,215.</summary>
    MaxFrameSize = 0x5,
    /// <summary>SETTINGS_MAX_HEADER_LIST_SIZE: advisory limit on a header list (name + value + 32 per field). Initially unlimited.</summary>
    MaxHeaderListSize = 0x6,
    /// <summary>SETTINGS_ENABLE_CONNECT_PROTOCOL (RFC 8441): 1 lets the peer use extended CONNECT with :protocol.</summary>
    EnableConnectProtocol = 0x8,
    /// <summary>SETTINGS_NO_RFC7540_PRIORITIES (RFC 9218): 1 says the sender ignores RFC 7540 priority signals.</summary>
    NoRfc7540Priorities = 0x9,
}
