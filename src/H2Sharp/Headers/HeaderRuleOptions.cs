namespace H2Sharp.Headers;

/// <summary>The switches and context the header rules need, taken from the configuration and the connection.</summary>
/// <param name="Validate">Apply the validation rules (h2's validate_inbound_headers / validate_outbound_headers).</param>
/// <param name="Normalize">Apply the normalisation rules (h2's normalize_inbound_headers / normalize_outbound_headers).</param>
/// <param name="SplitCookies">Outbound only: split cookie fields into crumbs (RFC 9113 section 8.2.3).</param>
/// <param name="ExtendedConnect">The :protocol pseudo-header is allowed (RFC 8441: the server sent SETTINGS_ENABLE_CONNECT_PROTOCOL = 1).</param>
internal readonly record struct HeaderRuleOptions(bool Validate, bool Normalize, bool SplitCookies = true, bool ExtendedConnect = false);
