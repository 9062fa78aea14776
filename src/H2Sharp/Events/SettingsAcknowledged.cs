using System;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer acknowledged our settings, which are now in force (h2's <c>SettingsAcknowledged</c>).
/// </summary>
public sealed record SettingsAcknowledged : H2Event
{
    /// <summary>Each setting the acknowledged frame changed, with its old and new value.</summary>
    public IReadOnlyDictionary<SettingCode, ChangedSetting> ChangedSettings { get; init; } = new Dictionary<SettingCode, ChangedSetting>();
}
