using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer acknowledged our settings, which are now in force (h2's <c>SettingsAcknowledged</c>).
/// </summary>
public sealed record SettingsAcknowledged : H2Event
{
    /// <summary>Each setting the acknowledged frame changed, with its old and new value.</summary>
    public IReadOnlyDictionary<SettingCode, ChangedSetting> ChangedSettings { get; init; } = new Dictionary<SettingCode, ChangedSetting>();

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(ChangedSettings), ChangedSettings);
        return true;
    }
}
