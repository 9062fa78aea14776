using System;

namespace H2Sharp;

/// <summary>
/// The rules on how a setting may change over a connection's life (RFC 8441, RFC 9218), as
/// opposed to <see cref="SettingsValidator"/>'s rules on single values.
/// </summary>
internal static class SettingsChangeRules
{
    /// <summary>Throws if our <c>UpdateSettings</c> would change a setting that may not change.</summary>
    /// <param name="config">The configuration (what our first SETTINGS frame said).</param>
    /// <param name="local">Our settings in force.</param>
    /// <param name="code">The setting.</param>
    /// <param name="value">The new value.</param>
    public static void CheckOutbound(H2Configuration config, H2Settings local, SettingCode code, uint value)
    {
        // RFC 8441 section 3: "A sender MUST NOT send a SETTINGS_ENABLE_CONNECT_PROTOCOL parameter
        // with the value of 0 after previously sending a value of 1."
        if (code == SettingCode.EnableConnectProtocol && value == 0 && (config.EnableConnectProtocol || local.EnableConnectProtocol))
        {
            throw new InvalidOperationException("SETTINGS_ENABLE_CONNECT_PROTOCOL cannot go back to 0 once 1 was sent (RFC 8441 section 3); leave it at 1.");
        }

        // RFC 9218 section 2.1: "Senders MUST NOT change the SETTINGS_NO_RFC7540_PRIORITIES value
        // after the first SETTINGS frame."
        if (code == SettingCode.NoRfc7540Priorities && value != (config.NoRfc7540Priorities ? 1u : 0u))
        {
            throw new InvalidOperationException("SETTINGS_NO_RFC7540_PRIORITIES cannot change after the first SETTINGS frame (RFC 9218 section 2.1); set H2Configuration.NoRfc7540Priorities instead.");
        }
    }

    /// <summary>Throws a connection error if a peer's SETTINGS frame after its first changes a setting that may not change.</summary>
    /// <param name="remote">The peer's settings in force.</param>
    /// <param name="code">The setting received.</param>
    /// <param name="value">Its value.</param>
    /// <param name="firstFrame">True for the peer's first SETTINGS frame (anything goes).</param>
    public static void CheckInbound(H2Settings remote, SettingCode code, uint value, bool firstFrame)
    {
        // RFC 9218 section 2.1: "Senders MUST NOT change the SETTINGS_NO_RFC7540_PRIORITIES value
        // after the first SETTINGS frame. Receivers that detect a change MAY treat it as a
        // connection error of type PROTOCOL_ERROR."
        if (!firstFrame && code == SettingCode.NoRfc7540Priorities
            && value != (remote.TryGetValue(SettingCode.NoRfc7540Priorities, out var current) ? current : 0u))
        {
            throw new InvalidSettingsValueException($"The peer changed SETTINGS_NO_RFC7540_PRIORITIES to {value} after its first SETTINGS frame (RFC 9218 section 2.1).", ErrorCode.ProtocolError, 0);
        }

        // RFC 8441 section 3: "A sender MUST NOT send a SETTINGS_ENABLE_CONNECT_PROTOCOL parameter
        // with the value of 0 after previously sending a value of 1." Taken back, the peer's
        // promise would be broken for requests already under way: a connection error.
        if (code == SettingCode.EnableConnectProtocol && value == 0 && remote.EnableConnectProtocol)
        {
            throw new InvalidSettingsValueException("The peer set SETTINGS_ENABLE_CONNECT_PROTOCOL back to 0 after 1 (RFC 8441 section 3).", ErrorCode.ProtocolError, 0);
        }
    }
}
