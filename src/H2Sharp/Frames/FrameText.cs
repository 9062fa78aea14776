using System;
using System.Globalization;
using System.Text;

namespace H2Sharp.Frames;

/// <summary>Names and short renderings for the frames' <c>ToString</c> (trace logging only; allocates).</summary>
internal static class FrameText
{
    /// <summary>How many octets of a span a description shows before "..."; keeps log lines short.</summary>
    private const int MaxShownOctets = 64;

    private static readonly string[] TypeNames =
    [
        "DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE", "PING", "GOAWAY",
        "WINDOW_UPDATE", "CONTINUATION", "ALTSVC",
    ];

    public static string TypeName(FrameType type) => type switch
    {
        <= FrameType.AltSvc => TypeNames[(int)type],
        FrameType.PriorityUpdate => "PRIORITY_UPDATE",
        _ => string.Create(CultureInfo.InvariantCulture, $"UNKNOWN(0x{(byte)type:x2})"),
    };

    public static string FlagNames(FrameType type, FrameFlags flags)
    {
        if (flags == FrameFlags.None)
        {
            return "0";
        }

        var text = new StringBuilder();
        int rest = (int)flags;
        if ((rest & 0x1) != 0 && type is FrameType.Data or FrameType.Headers)
        {
            Append(text, "END_STREAM", ref rest, 0x1);
        }
        else if ((rest & 0x1) != 0 && type is FrameType.Settings or FrameType.Ping)
        {
            Append(text, "ACK", ref rest, 0x1);
        }

        if ((rest & 0x4) != 0 && type is FrameType.Headers or FrameType.PushPromise or FrameType.Continuation)
        {
            Append(text, "END_HEADERS", ref rest, 0x4);
        }

        if ((rest & 0x8) != 0 && type is FrameType.Data or FrameType.Headers or FrameType.PushPromise)
        {
            Append(text, "PADDED", ref rest, 0x8);
        }

        if ((rest & 0x20) != 0 && type is FrameType.Headers)
        {
            Append(text, "PRIORITY", ref rest, 0x20);
        }

        if (rest != 0)
        {
            text.Append(text.Length == 0 ? "" : "|").Append(CultureInfo.InvariantCulture, $"0x{rest:x2}");
        }

        return text.ToString();
    }

    /// <summary>Octets as Latin-1 text (printable ASCII kept, others escaped), truncated.</summary>
    public static string Ascii(ReadOnlySpan<byte> octets)
    {
        var text = new StringBuilder(Math.Min(octets.Length, MaxShownOctets) + 5);
        foreach (byte b in octets.Length > MaxShownOctets ? octets.Slice(0, MaxShownOctets) : octets)
        {
            if (b is >= 0x20 and < 0x7F and not (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:x2}");
            }
        }

        return octets.Length > MaxShownOctets ? text.Append("...").ToString() : text.ToString();
    }

    private static void Append(StringBuilder text, string name, ref int rest, int bit)
    {
        text.Append(text.Length == 0 ? "" : "|").Append(name);
        rest &= ~bit;
    }
}
