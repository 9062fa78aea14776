using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace H2Sharp;

/// <summary>
/// One side's HTTP/2 settings with h2's acknowledge semantics (h2's <c>Settings</c>). Reading
/// a setting gives the value in force; a change that was sent but not yet acknowledged stays
/// pending until the acknowledgement arrives, and several changes may be in flight at once.
/// </summary>
/// <remarks>
/// Unlike h2, pending changes are kept per SETTINGS frame in the order they were sent, so an
/// acknowledgement applies exactly the frame it acknowledges (RFC 9113 section 6.5.3: "the
/// values in the SETTINGS frame MUST be processed in the order they appear").
/// Unknown setting codes are stored and reported but have no effect.
/// </remarks>
[SuppressMessage("Naming", "CA1710", Justification = "The settings object of h2; \"H2SettingsDictionary\" would hide what it is.")]
public sealed class H2Settings : IReadOnlyDictionary<SettingCode, uint>
{
    private readonly Dictionary<SettingCode, uint> _values = new();
    private readonly List<SettingCode> _order = new();
    private readonly Queue<KeyValuePair<SettingCode, uint>[]> _pending = new();

    // Copies of the values read on every request or frame, kept in step by Set: a field read
    // instead of a dictionary lookup. The dictionary stays the record (order, unknown codes).
    private uint _headerTableSize;
    private uint _enablePush;
    private uint _initialWindowSize;
    private uint _maxFrameSize;
    private uint? _maxConcurrentStreams;
    private uint _enableConnectProtocol;

    /// <summary>Creates settings with the RFC 9113 initial values.</summary>
    /// <param name="client">
    /// Whether these are a client's settings: a client starts with ENABLE_PUSH 1, a server with 0
    /// (servers never accept pushes).
    /// </param>
    /// <param name="initialValues">Values that replace the RFC's initial ones from the start (not pending).</param>
    public H2Settings(bool client = true, IEnumerable<KeyValuePair<SettingCode, uint>>? initialValues = null)
    {
        IsClient = client;
        Set(SettingCode.HeaderTableSize, 4096);
        Set(SettingCode.EnablePush, client ? 1u : 0u);
        Set(SettingCode.InitialWindowSize, 65_535);
        Set(SettingCode.MaxFrameSize, 16_384);
        Set(SettingCode.EnableConnectProtocol, 0);
        if (initialValues is not null)
        {
            foreach (var pair in initialValues)
            {
                Set(pair.Key, pair.Value);
            }
        }
    }

    /// <summary>Whether these are a client's settings.</summary>
    public bool IsClient { get; }

    /// <summary>SETTINGS_HEADER_TABLE_SIZE in force.</summary>
    public uint HeaderTableSize => _headerTableSize;

    /// <summary>SETTINGS_ENABLE_PUSH in force.</summary>
    public bool EnablePush => _enablePush == 1;

    /// <summary>SETTINGS_INITIAL_WINDOW_SIZE in force.</summary>
    public uint InitialWindowSize => _initialWindowSize;

    /// <summary>SETTINGS_MAX_FRAME_SIZE in force.</summary>
    public uint MaxFrameSize => _maxFrameSize;

    /// <summary>SETTINGS_MAX_CONCURRENT_STREAMS in force, or null when unlimited (never set).</summary>
    public uint? MaxConcurrentStreams => _maxConcurrentStreams;

    /// <summary>SETTINGS_MAX_HEADER_LIST_SIZE in force, or null when unlimited (never set).</summary>
    public uint? MaxHeaderListSize => _values.TryGetValue(SettingCode.MaxHeaderListSize, out var v) ? v : null;

    /// <summary>SETTINGS_ENABLE_CONNECT_PROTOCOL in force (RFC 8441).</summary>
    public bool EnableConnectProtocol => _enableConnectProtocol == 1;

    /// <summary>How many sent SETTINGS frames still wait for their acknowledgement.</summary>
    public int PendingFrameCount => _pending.Count;

    /// <summary>The value in force for a setting.</summary>
    /// <param name="key">The setting.</param>
    /// <exception cref="KeyNotFoundException">The setting has no value.</exception>
    public uint this[SettingCode key] => _values[key];

    /// <summary>The settings that have a value, in the order they were first set.</summary>
    public IEnumerable<SettingCode> Keys => _order;

    /// <summary>The values in force, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<uint> Values
    {
        get
        {
            foreach (var key in _order)
            {
                yield return _values[key];
            }
        }
    }

    /// <summary>How many settings have a value.</summary>
    public int Count => _order.Count;

    /// <summary>Whether the setting has a value.</summary>
    /// <param name="key">The setting.</param>
    /// <returns>True if it has one.</returns>
    public bool ContainsKey(SettingCode key) => _values.ContainsKey(key);

    /// <summary>Gets the value in force for a setting, if it has one.</summary>
    /// <param name="key">The setting.</param>
    /// <param name="value">Its value.</param>
    /// <returns>True if it has one.</returns>
    public bool TryGetValue(SettingCode key, [MaybeNullWhen(false)] out uint value) => _values.TryGetValue(key, out value);

    /// <summary>Enumerates the settings in force, in the order they were first set.</summary>
    /// <returns>An enumerator of (setting, value) pairs.</returns>
    public IEnumerator<KeyValuePair<SettingCode, uint>> GetEnumerator()
    {
        foreach (var key in _order)
        {
            yield return new KeyValuePair<SettingCode, uint>(key, _values[key]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Queues a batch of changes (one SETTINGS frame) until it is acknowledged. Values must be validated.</summary>
    internal void Propose(KeyValuePair<SettingCode, uint>[] batch) => _pending.Enqueue(batch);

    /// <summary>
    /// Applies the oldest pending batch (the acknowledged SETTINGS frame) and returns what
    /// changed. With nothing pending, returns an empty dictionary.
    /// </summary>
    internal Dictionary<SettingCode, ChangedSetting> Acknowledge()
    {
        var changes = new Dictionary<SettingCode, ChangedSetting>();
        if (!_pending.TryDequeue(out var batch))
        {
            return changes;
        }

        foreach (var (code, value) in batch)
        {
            uint? old = _values.TryGetValue(code, out var v) ? v : null;
            Set(code, value);
            // A setting repeated in one frame counts once: first old value, last new value.
            changes[code] = changes.TryGetValue(code, out var earlier)
                ? earlier with { NewValue = value }
                : new ChangedSetting(code, old, value);
        }

        return changes;
    }

    private void Set(SettingCode code, uint value)
    {
        if (!_values.ContainsKey(code))
        {
            _order.Add(code);
        }

        _values[code] = value;
        switch (code)
        {
            case SettingCode.HeaderTableSize: _headerTableSize = value; break;
            case SettingCode.EnablePush: _enablePush = value; break;
            case SettingCode.InitialWindowSize: _initialWindowSize = value; break;
            case SettingCode.MaxFrameSize: _maxFrameSize = value; break;
            case SettingCode.MaxConcurrentStreams: _maxConcurrentStreams = value; break;
            case SettingCode.EnableConnectProtocol: _enableConnectProtocol = value; break;
        }
    }
}
