namespace H2Sharp.Frames;

/// <summary>One setting of a SETTINGS frame (RFC 9113 section 6.5.1).</summary>
/// <param name="Code">The identifier; unknown identifiers pass through as numbers.</param>
/// <param name="Value">The 32-bit value.</param>
public readonly record struct Setting(SettingCode Code, uint Value)
{
    /// <summary>The size of one setting on the wire: a 2-octet identifier and a 4-octet value.</summary>
    public const int Size = 6;
}
