using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer sent GOAWAY (h2's <c>ConnectionTerminated</c>). No new streams may be opened; streams at or
/// below <see cref="LastStreamId"/> may still finish, those above it were not processed and are
/// reported as reset with REFUSED_STREAM (safe to retry on a new connection).
/// </summary>
public sealed record ConnectionTerminated : H2Event
{
    /// <summary>The error code; NO_ERROR for a graceful shutdown.</summary>
    public ErrorCode ErrorCode { get; init; }

    /// <summary>The highest stream id the peer processed or may still process.</summary>
    public int LastStreamId { get; init; }

    /// <summary>
    /// The debug data the peer attached, or null when the GOAWAY carried none (h2's <c>None</c>).
    /// Opaque bytes for diagnostics only (RFC 9113 section 6.8: "Debug information could contain
    /// security- or privacy-sensitive data"); never empty when not null.
    /// </summary>
    public ReadOnlyMemory<byte>? AdditionalData { get; init; }

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(ErrorCode), ErrorCode);
        builder.Append(", ");
        EventText.Append(builder, nameof(LastStreamId), LastStreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(AdditionalData), AdditionalData);
        return true;
    }
}
