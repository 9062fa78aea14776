using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace H2Sharp.Events;

/// <summary>
/// Readable forms of the event members that records would print as type names (header lists,
/// byte payloads, settings maps), so that <c>event.ToString()</c> shows what arrived, as h2's
/// event reprs do (h2 2.1.1). Used only when an event is printed.
/// </summary>
internal static class EventText
{
    /// <summary>Bytes shown before the rest is elided: enough to recognise a payload in a log line.</summary>
    private const int MaxShownBytes = 64;

    public static void Append(StringBuilder builder, string name, IReadOnlyList<HeaderField> headers)
    {
        builder.Append(name).Append(" = [");
        for (int i = 0; i < headers.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            builder.Append(headers[i].ToString());
        }

        builder.Append(']');
    }

    public static void Append(StringBuilder builder, string name, ReadOnlyMemory<byte> bytes)
    {
        builder.Append(name).Append(" = ");
        ReadOnlySpan<byte> span = bytes.Span;
        ReadOnlySpan<byte> shown = span.Length > MaxShownBytes ? span[..MaxShownBytes] : span;
        bool printable = true;
        foreach (byte b in shown)
        {
            printable &= b is >= 0x20 and < 0x7f;
        }

        if (printable)
        {
            builder.Append('"').Append(Encoding.ASCII.GetString(shown)).Append('"');
        }
        else
        {
            builder.Append("0x").Append(Convert.ToHexString(shown));
        }

        if (span.Length > shown.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"... ({span.Length} bytes)");
        }
    }

    public static void Append(StringBuilder builder, string name, ReadOnlyMemory<byte>? bytes)
    {
        if (bytes is ReadOnlyMemory<byte> present)
        {
            Append(builder, name, present);
        }
        else
        {
            builder.Append(name).Append(" = null");
        }
    }

    public static void Append(StringBuilder builder, string name, IReadOnlyDictionary<SettingCode, ChangedSetting> settings)
    {
        builder.Append(name).Append(" = {");
        bool first = true;
        foreach (var pair in settings)
        {
            builder.Append(first ? " " : ", ").Append(pair.Value.ToString());
            first = false;
        }

        builder.Append(first ? "}" : " }");
    }

    public static void Append(StringBuilder builder, string name, object? value)
    {
        builder.Append(name).Append(" = ").Append(value switch
        {
            null => "null",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        });
    }
}
