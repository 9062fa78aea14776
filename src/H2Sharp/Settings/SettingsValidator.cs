namespace H2Sharp;

/// <summary>The value rules of RFC 9113 section 6.5.2 (and RFC 8441, RFC 9218) for each known setting.</summary>
internal static class SettingsValidator
{
    /// <summary>The largest flow-control window: 2^31-1 (RFC 9113 section 6.9.1).</summary>
    public const uint MaxWindowSize = int.MaxValue;

    /// <summary>The smallest SETTINGS_MAX_FRAME_SIZE: 2^14.</summary>
    public const uint MinMaxFrameSize = 16_384;

    /// <summary>The largest SETTINGS_MAX_FRAME_SIZE: 2^24-1.</summary>
    public const uint MaxMaxFrameSize = 16_777_215;

    /// <summary>
    /// Returns null when <paramref name="value"/> is allowed for <paramref name="code"/>,
    /// otherwise the error code the RFC prescribes and a sentence that says why.
    /// </summary>
    public static (ErrorCode Code, string Reason)? Check(SettingCode code, uint value)
    {
        switch (code)
        {
            // RFC 9113 6.5.2: "Any value other than 0 or 1 MUST be treated as a connection
            // error (Section 5.4.1) of type PROTOCOL_ERROR."
            case SettingCode.EnablePush when value > 1:
                return (ErrorCode.ProtocolError, $"SETTINGS_ENABLE_PUSH must be 0 or 1, not {value}.");
            // RFC 9113 6.5.2: "Values above the maximum flow-control window size of 2^31-1 MUST
            // be treated as a connection error (Section 5.4.1) of type FLOW_CONTROL_ERROR."
            case SettingCode.InitialWindowSize when value > MaxWindowSize:
                return (ErrorCode.FlowControlError, $"SETTINGS_INITIAL_WINDOW_SIZE must be at most 2^31-1, not {value}.");
            // RFC 9113 6.5.2: "The value advertised by an endpoint MUST be between this initial
            // value and the maximum allowed frame size (2^24-1 or 16,777,215 octets), inclusive.
            // Values outside this range MUST be treated as a connection error of type PROTOCOL_ERROR."
            case SettingCode.MaxFrameSize when value < MinMaxFrameSize || value > MaxMaxFrameSize:
                return (ErrorCode.ProtocolError, $"SETTINGS_MAX_FRAME_SIZE must be between 16,384 and 16,777,215, not {value}.");
            // RFC 8441 section 3: "... values other than 0 or 1 ... MUST be treated as a connection error of type PROTOCOL_ERROR."
            case SettingCode.EnableConnectProtocol when value > 1:
                return (ErrorCode.ProtocolError, $"SETTINGS_ENABLE_CONNECT_PROTOCOL must be 0 or 1, not {value}.");
            // RFC 9218 section 2.1: "... a value other than 0 or 1 MUST treat it as a connection error of type PROTOCOL_ERROR."
            case SettingCode.NoRfc7540Priorities when value > 1:
                return (ErrorCode.ProtocolError, $"SETTINGS_NO_RFC7540_PRIORITIES must be 0 or 1, not {value}.");
            default:
                // MAX_HEADER_LIST_SIZE and MAX_CONCURRENT_STREAMS accept any value, zero included
                // (h2 2.5.1: zero MAX_HEADER_LIST_SIZE is allowed); unknown settings are ignored.
                return null;
        }
    }
}
