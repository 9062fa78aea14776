using System.Buffers;
using System.Runtime.InteropServices;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.DataPath;

/// <summary>DATA payloads lent as slices of the caller's memory, copied only when a payload is cut across calls.</summary>
public class ZeroCopyReceiveTests
{
    private static readonly byte[] Body = Enumerable.Range(0, 300).Select(i => (byte)(i * 7)).ToArray();

    [Fact]
    public void A_frame_whole_in_the_memory_is_lent_as_a_slice_of_it()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        byte[] input = FrameFactory.Concat(FrameFactory.Data(1, new byte[] { 9 }), FrameFactory.Data(1, Body, endStream: true));

        var events = h.Connection.ReceiveData(input.AsMemory());

        var data = events.OfType<DataReceived>().ToArray();
        Assert.Equal(2, data.Length);
        Assert.True(data[1].IsBorrowed);
        Assert.True(MemoryMarshal.TryGetArray(data[1].Memory, out ArraySegment<byte> segment));
        Assert.Same(input, segment.Array);
        Assert.Equal(9 + 1 + 9, segment.Offset); // after frame 1 (9 + 1 octets) and frame 2's header
        Assert.Equal(Body, data[1].Span.ToArray());
        Assert.Equal(300, data[1].Length);
        Assert.NotNull(data[1].StreamEnded);
    }

    [Fact]
    public void Data_copies_a_lent_payload_on_first_read_and_then_owns_it()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        byte[] input = FrameFactory.Data(1, Body);
        var data = Assert.IsType<DataReceived>(Assert.Single(h.Connection.ReceiveData(input.AsMemory())));

        ReadOnlyMemory<byte> owned = data.Data;
        Array.Clear(input); // the caller reuses its receive buffer

        Assert.False(data.IsBorrowed);
        Assert.Equal(Body, owned.ToArray());
        Assert.Equal(Body, data.Span.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(owned, out ArraySegment<byte> segment));
        Assert.NotSame(input, segment.Array);
    }

    [Fact]
    public void CopyData_keeps_the_bytes_after_the_buffer_is_reused()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        byte[] input = FrameFactory.Data(1, Body);
        var data = Assert.IsType<DataReceived>(Assert.Single(h.Connection.ReceiveData(input.AsMemory())));

        byte[] copy = data.CopyData();
        Array.Clear(input);

        Assert.Equal(Body, copy);
        Assert.True(data.IsBorrowed);
        Assert.Equal(new byte[300], data.Span.ToArray()); // the lent view shows the reused buffer
    }

    [Fact]
    public void The_span_overload_gives_owned_payloads()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        byte[] input = FrameFactory.Data(1, Body);
        var data = Assert.IsType<DataReceived>(Assert.Single(h.Connection.ReceiveData(input.AsSpan())));
        Array.Clear(input);

        Assert.False(data.IsBorrowed);
        Assert.Equal(Body, data.Span.ToArray());
        Assert.Equal(Body, data.Data.ToArray());
    }

    [Fact]
    public void A_payload_cut_across_calls_is_copied_and_correct()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        byte[] frame = FrameFactory.Data(1, Body);

        Assert.Empty(h.Connection.ReceiveData(frame.AsMemory(0, 100)));
        var data = Assert.IsType<DataReceived>(Assert.Single(h.Connection.ReceiveData(frame.AsMemory(100))));

        Assert.False(data.IsBorrowed);
        Assert.Equal(Body, data.Span.ToArray());
    }

    [Fact]
    public void A_payload_whose_header_alone_came_before_is_still_lent()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        byte[] frame = FrameFactory.Data(1, Body);
        byte[] payload = frame.AsSpan(9).ToArray();

        Assert.Empty(h.Connection.ReceiveData(frame.AsMemory(0, 5)));
        Assert.Empty(h.Connection.ReceiveData(frame.AsMemory(5, 4)));
        var data = Assert.IsType<DataReceived>(Assert.Single(h.Connection.ReceiveData(payload.AsMemory())));

        Assert.True(data.IsBorrowed);
        Assert.True(MemoryMarshal.TryGetArray(data.Memory, out ArraySegment<byte> segment));
        Assert.Same(payload, segment.Array);
        Assert.Equal(Body, data.Span.ToArray());
    }

    [Fact]
    public void A_sequence_gives_the_events_of_every_segment_and_lends_whole_payloads()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1, endStream: false);
        h.ReceiveRequest(3, endStream: false);
        byte[] first = FrameFactory.Data(1, Body);
        byte[] second = FrameFactory.Data(3, Body, endStream: true, padLength: 4);
        // Segments: frame 1 whole, frame 2's header, frame 2's payload in two parts (cut: copied).
        var sequence = Segments(first, second.AsSpan(0, 9).ToArray(), second.AsSpan(9).ToArray());
        var cut = Segments(first.AsSpan(0, 50).ToArray(), first.AsSpan(50).ToArray());

        var events = h.Connection.ReceiveData(sequence);
        var data = events.OfType<DataReceived>().ToArray();

        Assert.Equal(new[] { 1, 3 }, data.Select(d => d.StreamId));
        Assert.All(data, d => Assert.True(d.IsBorrowed));
        Assert.All(data, d => Assert.Equal(Body, d.Span.ToArray()));
        Assert.Equal(300 + 5, data[1].FlowControlledLength);
        Assert.Contains(events, e => e is StreamEnded { StreamId: 3 });

        var again = Assert.IsType<DataReceived>(Assert.Single(h.Connection.ReceiveData(cut)));
        Assert.False(again.IsBorrowed);
        Assert.Equal(Body, again.Span.ToArray());
    }

    [Fact]
    public void DataToSend_into_a_buffer_writer_gives_the_same_octets_and_drains()
    {
        var a = ConnectionHarness.Client();
        var b = ConnectionHarness.Client();
        foreach (var c in new[] { a.Connection, b.Connection })
        {
            c.SendHeaders(c.GetNextAvailableStreamId(), FrameFactory.Request("POST"));
            c.SendData(1, Body, endStream: true);
        }

        var writer = new ArrayBufferWriter<byte>();
        int written = a.Connection.DataToSend(writer);

        Assert.Equal(b.Connection.DataToSend(), writer.WrittenSpan.ToArray());
        Assert.Equal(writer.WrittenCount, written);
        Assert.Equal(0, a.Connection.OutboundDataLength);
        Assert.Equal(0, a.Connection.DataToSend(writer));
    }

    private static ReadOnlySequence<byte> Segments(params byte[][] parts)
    {
        var head = new Segment(parts[0], 0);
        Segment tail = head;
        for (int i = 1; i < parts.Length; i++)
        {
            tail = tail.Append(parts[i]);
        }

        return new ReadOnlySequence<byte>(head, 0, tail, tail.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, long runningIndex)
        {
            Memory = bytes;
            RunningIndex = runningIndex;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
