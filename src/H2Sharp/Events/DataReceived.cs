using System;
using System.Text;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// Body data arrived on a stream (h2's <c>DataReceived</c>). When done with it, give the window
/// back with <see cref="H2Connection.AcknowledgeReceivedData"/> or
/// <see cref="H2Connection.IncrementFlowControlWindow"/> using <see cref="FlowControlledLength"/>.
/// </summary>
public sealed record DataReceived : H2Event
{
    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

    /// <summary>
    /// The data (padding removed). From <see cref="H2Connection.ReceiveData(ReadOnlySpan{byte})"/> the
    /// memory is owned by this event. From <see cref="H2Connection.ReceiveData(ReadOnlyMemory{byte})"/>
    /// it is a slice of the caller's memory when <see cref="IsBorrowed"/> is true: valid only while
    /// that memory is unchanged, so read or copy it before the receive buffer is reused.
    /// </summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>
    /// True when <see cref="Data"/> is a slice of the memory passed to
    /// <see cref="H2Connection.ReceiveData(ReadOnlyMemory{byte})"/> (no copy was made); false when
    /// this event owns its copy.
    /// </summary>
    public bool IsBorrowed { get; init; }

    /// <summary>How much of the flow-control windows this frame used: data plus padding. Use this, not <c>Data.Length</c>, to reopen windows.</summary>
    public int FlowControlledLength { get; init; }

    /// <summary>If this frame also ended the stream, the <see cref="Events.StreamEnded"/> event that went with it (it is also in the event list).</summary>
    public StreamEnded? StreamEnded { get; init; }

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(StreamId), StreamId);
        builder.Append(", ");
        EventText.Append(builder, nameof(Data), Data);
        builder.Append(", ");
        EventText.Append(builder, nameof(FlowControlledLength), FlowControlledLength);
        builder.Append(", ");
        EventText.Append(builder, nameof(StreamEnded), StreamEnded);
        return true;
    }
}
