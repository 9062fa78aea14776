namespace H2Sharp;

/// <summary>Whether RFC 7540 priority signals (PRIORITY frames, HEADERS priority fields) are reported.</summary>
internal static class PrioritySignals
{
    /// <summary>
    /// False on a server when either side sent SETTINGS_NO_RFC7540_PRIORITIES = 1. RFC 9218
    /// section 2.1: "A server that receives SETTINGS_NO_RFC7540_PRIORITIES with a value of 1 MUST
    /// ignore HTTP/2 priority signals", and "Servers can send SETTINGS_NO_RFC7540_PRIORITIES with a
    /// value of 1 to indicate that they will ignore HTTP/2 priority signals sent by clients."
    /// </summary>
    public static bool ReportRfc7540(ConnectionCore core) =>
        core.Client || !Disabled(core);

    /// <summary>
    /// True when either side sent SETTINGS_NO_RFC7540_PRIORITIES = 1 (RFC 9218 section 2.1):
    /// the RFC 7540 scheme is off, so its faults (a stream depending on itself) are ignored too.
    /// </summary>
    public static bool Disabled(ConnectionCore core) =>
        core.Config.NoRfc7540Priorities
        || (core.Settings.Remote.TryGetValue(SettingCode.NoRfc7540Priorities, out var v) && v == 1);

    /// <summary>
    /// True when RFC 9218's scheme is in use, so frame type 0x10 is PRIORITY_UPDATE: when either
    /// side sent SETTINGS_NO_RFC7540_PRIORITIES = 1, the only signal RFC 9218 defines. Section
    /// 2.1.1: with the setting "absent", a client "SHOULD stop sending PRIORITY_UPDATE frames ...,
    /// since those frames are likely to be ignored"; so without it 0x10 is an unknown frame, as
    /// in h2. The peer's first frame is its SETTINGS (RFC 9113 3.4), so its value is known
    /// before any 0x10 frame is read.
    /// </summary>
    public static bool ExtensiblePrioritiesInUse(ConnectionCore core) => Disabled(core);
}
