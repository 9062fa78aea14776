using System;
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
}
