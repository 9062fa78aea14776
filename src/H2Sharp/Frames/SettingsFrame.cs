using System;
using System.Globalization;
using System.Text;

namespace H2Sharp.Frames;

/// <summary>
/// A SETTINGS frame (RFC 9113 section 6.5), a view over the payload: settings are read on
/// demand, without allocation. Unknown identifiers pass through as <see cref="SettingCode"/> numbers.
/// </summary>
public readonly ref struct SettingsFrame
{
    private readonly ReadOnlySpan<byte> _payload;

    private SettingsFrame(bool ack, ReadOnlySpan<byte> payload)
    {
        Ack = ack;
        _payload = payload;
    }

    /// <summary>True when ACK is set: this frame acknowledges the peer's settings and carries none.</summary>
    public bool Ack { get; }

    /// <summary>How many settings the frame carries, in order of appearance.</summary>
    public int Count => _payload.Length / Setting.Size;

    /// <summary>The setting at <paramref name="index"/>, in the order the peer sent them.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The setting.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..Count-1.</exception>
    public Setting this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, "Use an index from 0 to Count - 1.");
            }

            return Setting.Read(_payload.Slice(index * Setting.Size, Setting.Size));
        }
    }

    /// <summary>Reads and validates a SETTINGS frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.Settings"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="ProtocolException">A stream id other than 0 (PROTOCOL_ERROR).</exception>
    /// <exception cref="FrameDataMissingException">ACK with a payload, or a length that is not a multiple of 6 (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not a SETTINGS header or does not match the payload.</exception>
    public static SettingsFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.Settings, payload);
        // RFC 9113 section 6.5: "If an endpoint receives a SETTINGS frame whose Stream
        // Identifier field is anything other than 0x00, the endpoint MUST respond with a
        // connection error (Section 5.4.1) of type PROTOCOL_ERROR."
        FrameChecks.RequireConnection(header);
        bool ack = (header.Flags & FrameFlags.Ack) != 0;
        // RFC 9113 section 6.5: "Receipt of a SETTINGS frame with the ACK flag set and a length
        // field value other than 0 MUST be treated as a connection error (Section 5.4.1) of
        // type FRAME_SIZE_ERROR."
        if (ack && payload.Length != 0)
        {
            throw FrameChecks.WrongSize(header, "0 (ACK set)");
        }

        // RFC 9113 section 6.5: "A SETTINGS frame with a length other than a multiple of 6
        // octets MUST be treated as a connection error (Section 5.4.1) of type
        // FRAME_SIZE_ERROR."
        if (payload.Length % Setting.Size != 0)
        {
            throw FrameChecks.WrongSize(header, "a multiple of 6");
        }

        return new SettingsFrame(ack, payload);
    }

    /// <summary>Enumerates the settings in order, without allocation (<c>foreach</c> support).</summary>
    /// <returns>A struct enumerator over this frame's payload.</returns>
    public SettingsEnumerator GetEnumerator() => new(_payload);

    /// <summary>Describes the frame for logs, e.g. <c>SETTINGS [MaxConcurrentStreams=100, InitialWindowSize=65535]</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString()
    {
        if (Ack)
        {
            return "SETTINGS ACK";
        }

        var text = new StringBuilder("SETTINGS [");
        for (int i = 0; i < Count; i++)
        {
            Setting s = this[i];
            text.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"{s.Code}={s.Value}");
        }

        return text.Append(']').ToString();
    }
}
