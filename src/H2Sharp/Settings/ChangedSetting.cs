using System.Globalization;
using System.Text;

namespace H2Sharp;

/// <summary>
/// One setting that changed: its code, the value before and the value after (h2's
/// <c>ChangedSetting</c>). Carried by <see cref="Events.RemoteSettingsChanged"/> and
/// <see cref="Events.SettingsAcknowledged"/>.
/// </summary>
/// <param name="Setting">The setting; unknown codes pass through as numbers.</param>
/// <param name="OriginalValue">
/// The value in force before the change, or null when the setting had none: it was never sent
/// and the RFCs give it no initial value (SETTINGS_MAX_CONCURRENT_STREAMS and
/// SETTINGS_MAX_HEADER_LIST_SIZE, which start unlimited, and unknown codes), as h2's <c>None</c>.
/// Settings with an RFC initial value (HEADER_TABLE_SIZE, ENABLE_PUSH, INITIAL_WINDOW_SIZE,
/// MAX_FRAME_SIZE, ENABLE_CONNECT_PROTOCOL) report that value the first time they change.
/// </param>
/// <param name="NewValue">The value in force after the change.</param>
public readonly record struct ChangedSetting(SettingCode Setting, uint? OriginalValue, uint NewValue)
{
    // Prints a missing original value as "null" (a record prints nothing for it).
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Setting = {Setting}, OriginalValue = ");
        builder.Append(OriginalValue is uint original ? original.ToString(CultureInfo.InvariantCulture) : "null");
        builder.Append(CultureInfo.InvariantCulture, $", NewValue = {NewValue}");
        return true;
    }
}
