using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer changed its settings (h2's <c>RemoteSettingsChanged</c>). H2Sharp has already
/// acknowledged them; if a value is unacceptable, close the connection with PROTOCOL_ERROR.
/// </summary>
public sealed record RemoteSettingsChanged : H2Event
{
    /// <summary>Each changed setting with its old and new value.</summary>
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
