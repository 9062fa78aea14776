using System;
using System.Collections.Generic;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>Plaintext upgrade from HTTP/1.1 (h2c; RFC 7540 section 3.2).</summary>
public sealed partial class H2Connection
{
    /// <summary>
    /// Starts a connection negotiated with <c>Upgrade: h2c</c> (h2's <c>initiate_upgrade_connection</c>);
    /// call it instead of <see cref="InitiateConnection"/>, which it calls itself. It queues the
    /// preamble (a client's preface and SETTINGS; a server's SETTINGS) and sets up stream 1, the
    /// HTTP/1.1 request that asked for the upgrade: half-closed (local) for a client, half-closed
    /// (remote) for a server, which then answers it with <see cref="SendHeaders"/> on stream 1.
    /// </summary>
    /// <remarks>
    /// Client: put the returned value in the request's <c>HTTP2-Settings</c> header (with
    /// <c>Upgrade: h2c</c> and <c>Connection: Upgrade, HTTP2-Settings</c>); after the server's
    /// 101 response send <see cref="DataToSend(int?)"/> and feed the bytes after the 101 block to
    /// <see cref="ReceiveData(ReadOnlySpan{byte})"/>. Server: pass the client's <c>HTTP2-Settings</c> value, answer
    /// 101 in HTTP/1.1, then send <see cref="DataToSend(int?)"/>; the client's settings are in force
    /// at once, without ACK or event. RFC 7540 section 3.2.1 says a server "MUST NOT upgrade the
    /// connection to HTTP/2 if this header field is not present or if more than one is present":
    /// that check is the caller's (null is accepted, as h2 does).
    /// </remarks>
    /// <param name="settingsHeader">Server only: the value of the client's <c>HTTP2-Settings</c> header; ignored by clients.</param>
    /// <returns>Client: the <c>HTTP2-Settings</c> value, the base64url of its SETTINGS payload without padding. Server: null.</returns>
    /// <exception cref="InvalidOperationException">The connection was already started.</exception>
    /// <exception cref="ProtocolException">
    /// Server: the client's header is not base64url of a SETTINGS payload, or carries a value out
    /// of range (<see cref="InvalidSettingsValueException"/>): a fault of the peer, so the caller
    /// should answer the HTTP/1.1 request without upgrading. Nothing has changed and the
    /// connection can still be started.
    /// </exception>
    public string? InitiateUpgradeConnection(string? settingsHeader = null)
    {
        if (_core.Fsm.State != ConnectionState.Idle)
        {
            throw new InvalidOperationException("The connection was already started (InitiateConnection or InitiateUpgradeConnection); call it once per connection.");
        }

        KeyValuePair<SettingCode, uint>[]? clientSettings = null;
        if (!Config.ClientSide && settingsHeader is not null)
        {
            clientSettings = SettingsExchange.ParseUpgradeSettings(Http2SettingsHeader.Decode(settingsHeader));
        }

        InitiateConnection();
        if (Config.ClientSide)
        {
            // RFC 7540 section 3.2: "The HTTP/1.1 request that is sent prior to upgrade is
            // assigned a stream identifier of 1 ... Stream 1 is implicitly "half-closed" from the
            // client toward the server".
            _core.Admission.OpenUpgradeStream().OutboundPhase = HeaderPhase.Final;
            return Http2SettingsHeader.Encode(OwnSettingsPayload());
        }

        if (clientSettings is not null)
        {
            _core.Settings.ApplyUpgradeSettings(clientSettings);
        }

        _core.Admission.OpenUpgradeStream().InboundPhase = HeaderPhase.Final;
        return null;
    }

    /// <summary>The payload of the SETTINGS frame <see cref="InitiateConnection"/> just queued (after a client's preface).</summary>
    private ReadOnlySpan<byte> OwnSettingsPayload()
    {
        var pending = _core.Out.Pending.Span;
        if (Config.ClientSide)
        {
            pending = pending.Slice(PrefaceReceiver.Preface.Length);
        }

        var header = FrameHeader.Read(pending);
        return pending.Slice(FrameHeader.Size, header.Length);
    }
}
