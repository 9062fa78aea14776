using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// Trailers arrived: a header block after the body. Trailers always end the stream, so
/// <see cref="StreamEnded"/> is always set (h2's <c>TrailersReceived</c>).
/// </summary>
public sealed record TrailersReceived : H2Event
{
    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

    /// <summary>The header fields as received (bytes, in order). Name and value slices share one buffer per header block.</summary>
    public IReadOnlyList<HeaderField> Headers { get; init; } = Array.Empty<HeaderField>();

    /// <summary>
    /// The header fields as text, decoded lazily with <see cref="H2Configuration.HeaderEncoding"/>
    /// (h2's <c>header_encoding</c>) and cached; null when no encoding is configured (nothing extra is allocated).
    /// </summary>
    public TextHeaderList? TextHeaders { get; init; }

    /// <summary>If this frame also ended the stream, the <see cref="Events.StreamEnded"/> event that went with it (it is also in the event list).</summary>
    public StreamEnded? StreamEnded { get; init; }

    /// <summary>If the frame also carried priority information, the <see cref="Events.PriorityUpdated"/> event that went with it (it is also in the event list).</summary>
    public PriorityUpdated? PriorityUpdated { get; init; }

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(StreamId), StreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(Headers), Headers);
        builder.Append(", ");
        EventText.Append(builder, nameof(TextHeaders), TextHeaders);
        builder.Append(", ");
        EventText.Append(builder, nameof(StreamEnded), StreamEnded);
        builder.Append(", ");
        EventText.Append(builder, nameof(PriorityUpdated), PriorityUpdated);
        return true;
    }
}
