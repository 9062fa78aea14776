using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// A frame of a type H2Sharp does not know arrived; it was otherwise ignored as RFC 9113 requires (h2's <c>UnknownFrameReceived</c>).
/// </summary>
public sealed record UnknownFrameReceived : H2Event
{
    /// <summary>The frame type octet.</summary>
    public byte FrameType { get; init; }

    /// <summary>The flags octet.</summary>
    public byte Flags { get; init; }

    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

    /// <summary>The payload, owned by this event.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(FrameType), FrameType);
        builder.Append(", ");
        EventText.Append(builder, nameof(Flags), Flags);
        builder.Append(", ");
        EventText.Append(builder, nameof(StreamId), StreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(Payload), Payload);
        return true;
    }
}
