using System.Text;

namespace H2Sharp.Events;

/// <summary>
/// Trailers arrived: a header block after the body. Trailers always end the stream, so
/// <see cref="StreamEnded"/> is always set (h2's <c>TrailersReceived</c>).
/// </summary>
public sealed record TrailersReceived : HeaderBlockReceived
{
    /// <summary>The <see cref="Events.StreamEnded"/> event that went with the trailers (it is also in the event list); trailers always end the stream, so it is set whenever H2Sharp reports trailers.</summary>
    public StreamEnded? StreamEnded { get; init; }

    /// <summary>Prints the members with header lists shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder) => PrintHeaderMembers(builder, endsStream: true, StreamEnded);
}
