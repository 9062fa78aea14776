using System;
using System.Collections.Generic;
using System.Text;

namespace H2Sharp.Events;

/// <summary>
/// The base of the four events that carry a header block received on a stream:
/// <see cref="RequestReceived"/>, <see cref="ResponseReceived"/>,
/// <see cref="InformationalResponseReceived"/> and <see cref="TrailersReceived"/>. Match on it
/// (<c>case HeaderBlockReceived block:</c>) to handle any of them alike, e.g. for logging; h2 has
/// no such base, its four events just share these fields. A promise
/// (<see cref="PushedStreamReceived"/>) is not one of them: it names two streams.
/// </summary>
public abstract record HeaderBlockReceived : H2Event
{
    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

    /// <summary>The header fields as received (bytes, in order). Name and value slices share one buffer per header block.</summary>
    public IReadOnlyList<HeaderField> Headers { get; init; } = Array.Empty<HeaderField>();

    /// <summary>
    /// The header fields as text, decoded lazily with the connection's
    /// <see cref="H2HeaderOptions.HeaderEncoding"/> (h2's <c>header_encoding</c>; initially
    /// <see cref="H2Configuration.HeaderEncoding"/>) and cached; null when no encoding is set
    /// (nothing extra is allocated).
    /// </summary>
    public TextHeaderList? TextHeaders { get; init; }

    /// <summary>If the frame also carried priority information, the <see cref="Events.PriorityUpdated"/> event that went with it (it is also in the event list).</summary>
    public PriorityUpdated? PriorityUpdated { get; init; }

    /// <summary>Prints the members with header lists shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder) => PrintHeaderMembers(builder, endsStream: false, streamEnded: null);

    /// <summary>
    /// Prints StreamId, Headers, TextHeaders, then StreamEnded for the events that can end the
    /// stream (all but 1xx), then PriorityUpdated: h2's order.
    /// </summary>
    private protected bool PrintHeaderMembers(StringBuilder builder, bool endsStream, StreamEnded? streamEnded)
    {
        EventText.Append(builder, nameof(StreamId), StreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(Headers), Headers);
        builder.Append(", ");
        EventText.Append(builder, nameof(TextHeaders), TextHeaders);
        if (endsStream)
        {
            builder.Append(", ");
            EventText.Append(builder, nameof(Events.StreamEnded), streamEnded);
        }

        builder.Append(", ");
        EventText.Append(builder, nameof(PriorityUpdated), PriorityUpdated);
        return true;
    }
}
