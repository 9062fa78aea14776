using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer acknowledged one of our PINGs (h2's <c>PingAckReceived</c>); use it to measure round-trip time.
/// </summary>
public sealed record PingAckReceived : H2Event
{
    /// <summary>The 8 octets of opaque data.</summary>
    public ReadOnlyMemory<byte> PingData { get; init; }

    /// <summary>The 8 octets of opaque data as one big-endian number.</summary>
    public ulong OpaqueData { get; init; }

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(PingData), PingData);
        builder.Append(", ");
        EventText.Append(builder, nameof(OpaqueData), OpaqueData);
        return true;
    }
}
