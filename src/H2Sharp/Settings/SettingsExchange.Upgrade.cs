using System;
using System.Collections.Generic;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>The settings of a plaintext upgrade (RFC 7540 section 3.2.1): the HTTP2-Settings header field.</summary>
internal sealed partial class SettingsExchange
{
    /// <summary>
    /// Reads and checks the SETTINGS payload a client sent in HTTP2-Settings, changing nothing.
    /// RFC 7540 section 3.2.1: "A server decodes and interprets these values as it would any other SETTINGS frame."
    /// </summary>
    /// <exception cref="ProtocolException">Not a SETTINGS payload (FRAME_SIZE_ERROR) or a value out of range.</exception>
    public static KeyValuePair<SettingCode, uint>[] ParseUpgradeSettings(ReadOnlySpan<byte> payload)
    {
        var frame = SettingsFrame.Parse(new FrameHeader(payload.Length, FrameType.Settings, FrameFlags.None, 0), payload);
        var batch = new KeyValuePair<SettingCode, uint>[frame.Count];
        int i = 0;
        foreach (var setting in frame)
        {
            if (SettingsValidator.Check(setting.Code, setting.Value) is { } bad)
            {
                throw new InvalidSettingsValueException("HTTP2-Settings: " + bad.Reason, bad.Code, 0);
            }

            batch[i++] = new(setting.Code, setting.Value);
        }

        return batch;
    }

    /// <summary>
    /// Puts the client's upgrade settings in force as the remote settings, with no ACK and no
    /// event (as h2 does). RFC 7540 section 3.2.1: "Explicit acknowledgement of these settings
    /// (Section 6.5.3) is not necessary, since a 101 response serves as implicit acknowledgement."
    /// </summary>
    public void ApplyUpgradeSettings(KeyValuePair<SettingCode, uint>[] batch)
    {
        Remote.Propose(batch);
        foreach (var (code, change) in Remote.Acknowledge())
        {
            ApplyRemote(code, change);
        }
    }
}
