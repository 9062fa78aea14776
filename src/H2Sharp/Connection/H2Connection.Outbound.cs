using System;
using System.Buffers;

namespace H2Sharp;

/// <summary>Draining the bytes waiting to be sent.</summary>
public sealed partial class H2Connection
{
    /// <summary>Octets waiting to be sent.</summary>
    public int OutboundDataLength => _core.Out.Length;

    /// <summary>
    /// Copy-free view of the bytes waiting to be sent. Write (part of) it to the network, then
    /// call <see cref="AdvanceOutbound"/> with the count written. Valid until the next call on
    /// this connection.
    /// </summary>
    public ReadOnlyMemory<byte> PendingOutboundData => _core.Out.Pending;

    /// <summary>Marks <paramref name="count"/> octets of <see cref="PendingOutboundData"/> as sent.</summary>
    /// <param name="count">Octets sent, at most <see cref="OutboundDataLength"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative or larger than what is waiting.</exception>
    public void AdvanceOutbound(int count) => _core.Out.Consume(count);

    /// <summary>Takes up to <paramref name="amount"/> octets waiting to be sent (all when null) as a new array (h2's <c>data_to_send</c>).</summary>
    /// <param name="amount">The most octets to take; null for all.</param>
    /// <returns>The octets; empty when nothing is waiting.</returns>
    public byte[] DataToSend(int? amount = null) => _core.Out.Take(amount);

    /// <summary>Copies as many waiting octets as fit into <paramref name="destination"/> and marks them sent.</summary>
    /// <param name="destination">Where to copy.</param>
    /// <returns>Octets copied.</returns>
    public int DataToSend(Span<byte> destination) => _core.Out.CopyTo(destination);

    /// <summary>
    /// Writes every waiting octet into <paramref name="destination"/> (a <c>PipeWriter</c>, an
    /// <see cref="ArrayBufferWriter{T}"/>, ...) and marks them sent; for a <c>PipeWriter</c>, call
    /// <c>FlushAsync</c> afterwards. No intermediate array is allocated.
    /// </summary>
    /// <param name="destination">Where the octets go.</param>
    /// <returns>Octets written (0 when nothing was waiting).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    public int DataToSend(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _core.Out.WriteTo(destination);
    }

    /// <summary>Drops everything waiting to be sent (h2's <c>clear_outbound_data_buffer</c>).</summary>
    public void ClearOutboundDataBuffer() => _core.Out.Clear();
}
