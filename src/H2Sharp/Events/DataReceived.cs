using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// Body data arrived on a stream (h2's <c>DataReceived</c>). When done with it, give the window
/// back with <see cref="H2Connection.AcknowledgeReceivedData"/> or
/// <see cref="H2Connection.IncrementFlowControlWindow"/> using <see cref="FlowControlledLength"/>.
/// </summary>
/// <remarks>
/// From <see cref="H2Connection.ReceiveData(ReadOnlyMemory{byte})"/> and
/// <see cref="H2Connection.ReceiveData(in System.Buffers.ReadOnlySequence{byte})"/> the payload of a
/// frame that arrived whole is lent, not copied: <see cref="Span"/> and <see cref="Memory"/> are a
/// slice of the caller's memory, valid until the next <c>ReceiveData</c> call (and only while the
/// caller leaves that memory unchanged). <see cref="Data"/> still works as before: it copies a lent
/// payload on first use, so code that keeps the event keeps working.
/// </remarks>
public sealed record DataReceived : H2Event
{
    private ReadOnlyMemory<byte> _memory;
    private bool _borrowed;

    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

    /// <summary>
    /// The data (padding removed), owned by this event: when the payload was lent
    /// (<see cref="IsBorrowed"/>), the first read copies it, so read it before the receive buffer is
    /// reused. For the copy-free view use <see cref="Span"/> or <see cref="Memory"/>.
    /// </summary>
    public ReadOnlyMemory<byte> Data
    {
        get
        {
            if (_borrowed)
            {
                _memory = _memory.ToArray();
                _borrowed = false;
            }

            return _memory;
        }

        init
        {
            _memory = value;
            _borrowed = false;
        }
    }

    /// <summary>
    /// The data (padding removed) without a copy: when <see cref="IsBorrowed"/> is true, a slice of
    /// the memory passed to <c>ReceiveData</c>, valid until the next <c>ReceiveData</c> call on the
    /// connection and only while that memory is unchanged. Use <see cref="CopyData"/> to keep it.
    /// </summary>
    public ReadOnlySpan<byte> Span => _memory.Span;

    /// <summary>As <see cref="Span"/>, as memory (same lifetime when <see cref="IsBorrowed"/>).</summary>
    public ReadOnlyMemory<byte> Memory => _memory;

    /// <summary>The number of data octets (padding removed); reading it never copies.</summary>
    public int Length => _memory.Length;

    /// <summary>
    /// True when <see cref="Span"/> is a slice of the caller's receive memory (no copy was made);
    /// false when this event owns its bytes (from <c>ReceiveData(ReadOnlySpan)</c>, a frame that was
    /// cut across calls, or once <see cref="Data"/> has been read).
    /// </summary>
    public bool IsBorrowed => _borrowed;

    /// <summary>How much of the flow-control windows this frame used: data plus padding. Use this, not <c>Data.Length</c>, to reopen windows.</summary>
    public int FlowControlledLength { get; init; }

    /// <summary>If this frame also ended the stream, the <see cref="Events.StreamEnded"/> event that went with it (it is also in the event list).</summary>
    public StreamEnded? StreamEnded { get; init; }

    /// <summary>A lent payload: set by the receiver, never copies.</summary>
    internal ReadOnlyMemory<byte> Borrowed
    {
        init
        {
            _memory = value;
            _borrowed = !value.IsEmpty;
        }
    }

    /// <summary>Copies the data into a new array that stays valid (whether or not it was lent).</summary>
    /// <returns>The octets; empty when there are none.</returns>
    public byte[] CopyData() => _memory.IsEmpty ? Array.Empty<byte>() : _memory.ToArray();

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(StreamId), StreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(Data), _memory);
        builder.Append(", ");
        EventText.Append(builder, nameof(FlowControlledLength), FlowControlledLength);
        builder.Append(", ");
        EventText.Append(builder, nameof(StreamEnded), StreamEnded);
        return true;
    }
}
