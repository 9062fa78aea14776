namespace H2Sharp;

/// <summary>
/// One setting that changed: its code, the value before and the value after (h2's
/// <c>ChangedSetting</c>). Carried by <see cref="Events.RemoteSettingsChanged"/> and
/// <see cref="Events.SettingsAcknowledged"/>.
/// </summary>
/// <param name="Setting">The setting; unknown codes pass through as numbers.</param>
/// <param name="OriginalValue">The value in force before the change (0 if the setting had no value).</param>
/// <param name="NewValue">The value in force after the change.</param>
public readonly record struct ChangedSetting(SettingCode Setting, uint OriginalValue, uint NewValue);
