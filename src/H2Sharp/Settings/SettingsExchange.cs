using System;
using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Hpack;

namespace H2Sharp;

/// <summary>
/// The SETTINGS exchange (RFC 9113 section 6.5): our settings (sent, in force once the peer
/// acknowledges), the peer's settings (in force at once, acknowledged automatically), and the
/// effect of each change on the HPACK contexts, the frame reader and the stream windows.
/// </summary>
internal sealed partial class SettingsExchange
{
    private readonly IConnectionOutput _output;
    private readonly H2Configuration _config;
    private readonly ConnectionLedger _ledger;
    private readonly FlowController _flow;
    private readonly HpackDecoder _decoder;
    private readonly HpackEncoder _encoder;
    private readonly FrameReader _reader;
    private readonly bool _client;

    /// <summary>SETTINGS_INITIAL_WINDOW_SIZE before any SETTINGS frame (RFC 9113 section 6.5.2).</summary>
    private const uint RfcInitialWindowSize = 65_535;
    private bool _remoteSettingsSeen;

    public SettingsExchange(IConnectionOutput output, H2Configuration config, ConnectionLedger ledger, FlowController flow, HpackDecoder decoder, HpackEncoder encoder, FrameReader reader)
    {
        _output = output;
        _config = config;
        _ledger = ledger;
        _flow = flow;
        _decoder = decoder;
        _encoder = encoder;
        _reader = reader;
        _client = config.ClientSide;
        // h2: MAX_CONCURRENT_STREAMS and MAX_HEADER_LIST_SIZE protect us from the start;
        // the other values wait for the peer's acknowledgement like any change.
        var initial = new List<KeyValuePair<SettingCode, uint>>(2);
        if (config.MaxConcurrentStreams is uint max)
        {
            initial.Add(new(SettingCode.MaxConcurrentStreams, max));
        }

        initial.Add(new(SettingCode.MaxHeaderListSize, config.MaxHeaderListSize));
        Local = new H2Settings(_client, initial);
        Remote = new H2Settings(!_client);
    }

    public H2Settings Local { get; }

    public H2Settings Remote { get; }

    /// <summary>Queues our first SETTINGS frame: every value we advertise, in h2's order.</summary>
    public void SendInitial()
    {
        var c = _config;
        var all = new List<KeyValuePair<SettingCode, uint>>(7)
        {
            new(SettingCode.HeaderTableSize, (uint)c.HeaderTableSize),
            new(SettingCode.EnablePush, _client && c.EnablePush ? 1u : 0u),
            new(SettingCode.InitialWindowSize, (uint)c.InitialWindowSize),
            new(SettingCode.MaxFrameSize, (uint)c.MaxFrameSize),
            new(SettingCode.EnableConnectProtocol, c.EnableConnectProtocol ? 1u : 0u),
        };
        if (c.NoRfc7540Priorities)
        {
            // RFC 9218 section 2.1: "If endpoints use SETTINGS_NO_RFC7540_PRIORITIES, they MUST send it in the first SETTINGS frame."
            all.Add(new(SettingCode.NoRfc7540Priorities, 1));
        }

        if (c.MaxConcurrentStreams is uint max)
        {
            all.Add(new(SettingCode.MaxConcurrentStreams, max));
        }

        all.Add(new(SettingCode.MaxHeaderListSize, c.MaxHeaderListSize));
        Write(all, onlyChangesPending: true);
    }

    /// <summary>Validates and sends a change of our settings (<c>UpdateSettings</c>); it takes effect when acknowledged.</summary>
    public void SendUpdate(IEnumerable<KeyValuePair<SettingCode, uint>> newSettings)
    {
        var list = new List<KeyValuePair<SettingCode, uint>>(newSettings);
        foreach (var (code, value) in list)
        {
            if (SettingsValidator.Check(code, value) is { } bad)
            {
                throw new ArgumentOutOfRangeException(nameof(newSettings), value, bad.Reason);
            }

            // RFC 9113 6.5.2: "A server MUST NOT explicitly set this value to 1."
            if (code == SettingCode.EnablePush && value == 1 && !_client)
            {
                throw new EndpointRoleException("A server must not set SETTINGS_ENABLE_PUSH to 1 (RFC 9113 section 6.5.2); only a client advertises it.");
            }

            SettingsChangeRules.CheckOutbound(_config, Local, code, value);
        }

        Write(list, onlyChangesPending: false);
    }

    /// <summary>Handles a received SETTINGS frame.</summary>
    public void OnSettings(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        var frame = SettingsFrame.Parse(header, payload);
        if (frame.Ack)
        {
            OnAck();
            return;
        }

        _ledger.CheckSettingsEntries(frame.Count);

        var batch = new KeyValuePair<SettingCode, uint>[frame.Count];
        int i = 0;
        foreach (var setting in frame)
        {
            if (SettingsValidator.Check(setting.Code, setting.Value) is { } bad)
            {
                throw new InvalidSettingsValueException(bad.Reason, bad.Code, 0);
            }

            // RFC 9113 6.5.2: "A client MUST treat receipt of a SETTINGS frame with
            // SETTINGS_ENABLE_PUSH set to 1 as a connection error of type PROTOCOL_ERROR."
            if (_client && setting.Code == SettingCode.EnablePush && setting.Value == 1)
            {
                throw new InvalidSettingsValueException("A server sent SETTINGS_ENABLE_PUSH = 1 (RFC 9113 section 6.5.2).", ErrorCode.ProtocolError, 0);
            }

            SettingsChangeRules.CheckInbound(Remote, setting.Code, setting.Value, !_remoteSettingsSeen);
            batch[i++] = new(setting.Code, setting.Value);
        }

        _remoteSettingsSeen = true;

        Remote.Propose(batch);
        var changes = Remote.Acknowledge();
        foreach (var (code, change) in changes)
        {
            ApplyRemote(code, change);
        }

        // RFC 9113 6.5.3: "Upon receiving and applying the parameters, the recipient MUST
        // immediately emit a SETTINGS frame with the ACK flag set."
        int before = _output.BeginControl();
        FrameWriter.WriteSettingsAck(_output.Out);
        _output.EndControl(before);
        _output.Emit(new RemoteSettingsChanged { ChangedSettings = changes });
    }

    private void OnAck()
    {
        var changes = Local.Acknowledge();
        foreach (var (code, change) in changes)
        {
            switch (code)
            {
                case SettingCode.HeaderTableSize:
                    _decoder.MaxDynamicTableSize = (int)Math.Min(change.NewValue, int.MaxValue);
                    break;
                case SettingCode.MaxFrameSize:
                    // h2 2.5.0 bugfix: the frame size we raised is accepted once acknowledged.
                    _reader.MaxFrameSize = (int)change.NewValue;
                    break;
                case SettingCode.MaxHeaderListSize:
                    _decoder.MaxHeaderListSize = (int)Math.Min(change.NewValue, int.MaxValue);
                    break;
                case SettingCode.InitialWindowSize:
                    _flow.OnOurInitialWindowSizeAcknowledged(InitialWindowDelta(change));
                    break;
            }
        }

        _output.Emit(new SettingsAcknowledged { ChangedSettings = changes });
    }

    private void ApplyRemote(SettingCode code, ChangedSetting change)
    {
        switch (code)
        {
            case SettingCode.HeaderTableSize:
                _encoder.SetMaxDynamicTableSize((int)Math.Min(change.NewValue, int.MaxValue));
                break;
            case SettingCode.InitialWindowSize:
                // RFC 9113 6.9.2: every stream send window moves by the difference (FlowControl owns it).
                _flow.OnPeerInitialWindowSizeChanged(InitialWindowDelta(change), change.NewValue);
                break;
        }
    }

    /// <summary>
    /// How far a change of SETTINGS_INITIAL_WINDOW_SIZE moves every stream window. The setting
    /// always has a value (RFC 9113 6.5.2: initial value 65,535), so OriginalValue is never null
    /// here; the fallback only keeps the arithmetic total.
    /// </summary>
    private static long InitialWindowDelta(ChangedSetting change) =>
        (long)change.NewValue - (change.OriginalValue ?? RfcInitialWindowSize);

    private void Write(List<KeyValuePair<SettingCode, uint>> values, bool onlyChangesPending)
    {
        var wire = new Setting[values.Count];
        var pending = new List<KeyValuePair<SettingCode, uint>>(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            var (code, value) = values[i];
            wire[i] = new Setting(code, value);
            if (!onlyChangesPending || !Local.TryGetValue(code, out var current) || current != value)
            {
                pending.Add(values[i]);
            }
        }

        FrameWriter.WriteSettings(_output.Out, wire);
        Local.Propose(pending.ToArray());
    }
}
