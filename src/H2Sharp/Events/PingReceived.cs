using System;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer sent a PING; H2Sharp has queued the PING ACK already (h2's <c>PingReceived</c>).
/// </summary>
public sealed record PingReceived : H2Event
{
    /// <summary>The 8 octets of opaque data.</summary>
    public ReadOnlyMemory<byte> PingData { get; init; }

    /// <summary>The 8 octets of opaque data as one big-endian number.</summary>
    public ulong OpaqueData { get; init; }
}
