using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The server promised a pushed response (client side; h2's <c>PushedStreamReceived</c>).
/// </summary>
public sealed record PushedStreamReceived : H2Event
{
    /// <summary>The stream the push is related to.</summary>
    public int ParentStreamId { get; init; }

    /// <summary>The stream the pushed response will arrive on.</summary>
    public int PushedStreamId { get; init; }

    /// <summary>The header fields as received (bytes, in order). Name and value slices share one buffer per header block.</summary>
    public IReadOnlyList<HeaderField> Headers { get; init; } = Array.Empty<HeaderField>();

    /// <summary>
    /// The header fields as text, decoded lazily with the connection's
    /// <see cref="H2HeaderOptions.HeaderEncoding"/> (h2's <c>header_encoding</c>; initially
    /// <see cref="H2Configuration.HeaderEncoding"/>) and cached; null when no encoding is set
    /// (nothing extra is allocated).
    /// </summary>
    public TextHeaderList? TextHeaders { get; init; }

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(ParentStreamId), ParentStreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(PushedStreamId), PushedStreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(Headers), Headers);
        builder.Append(", ");
        EventText.Append(builder, nameof(TextHeaders), TextHeaders);
        return true;
    }
}
