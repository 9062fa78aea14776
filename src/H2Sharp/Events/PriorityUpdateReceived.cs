using System;
using System.Text;

namespace H2Sharp.Events;

/// <summary>
/// The client sent an RFC 9218 PRIORITY_UPDATE frame (server side). Beyond h2, which predates
/// RFC 9218. Advisory: the stream may not be open yet (RFC 9218 section 7: "Servers SHOULD
/// buffer the most recently received PRIORITY_UPDATE frame and apply it once the referenced
/// stream is opened"); the newest update for a stream overrides earlier signals.
/// </summary>
public sealed record PriorityUpdateReceived : H2Event
{
    /// <summary>The stream whose response priority changes (the frame's Prioritized Stream ID).</summary>
    public int StreamId { get; init; }

    /// <summary>The Priority Field Value as received (ASCII, RFC 9218 section 5, e.g. <c>u=1, i</c>), owned by this event.</summary>
    public ReadOnlyMemory<byte> PriorityFieldValue { get; init; }

    /// <summary>The urgency parsed from the value, 0 (highest) to 7; 3 when absent or invalid (RFC 9218 section 4.1).</summary>
    public int Urgency { get; init; } = PriorityParameters.DefaultUrgency;

    /// <summary>The incremental flag parsed from the value; false when absent or invalid (RFC 9218 section 4.2).</summary>
    public bool Incremental { get; init; }

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(StreamId), StreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(PriorityFieldValue), PriorityFieldValue);
        builder.Append(", ");
        EventText.Append(builder, nameof(Urgency), Urgency);
        builder.Append(", ");
        EventText.Append(builder, nameof(Incremental), Incremental);
        return true;
    }
}
