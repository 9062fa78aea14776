using System.Text;

namespace H2Sharp.Events;

/// <summary>
/// Final (non-1xx) response headers arrived (client side; h2's <c>ResponseReceived</c>).
/// </summary>
public sealed record ResponseReceived : HeaderBlockReceived
{
    /// <summary>If this frame also ended the stream, the <see cref="Events.StreamEnded"/> event that went with it (it is also in the event list).</summary>
    public StreamEnded? StreamEnded { get; init; }

    /// <summary>Prints the members with header lists shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder) => PrintHeaderMembers(builder, endsStream: true, StreamEnded);
}
