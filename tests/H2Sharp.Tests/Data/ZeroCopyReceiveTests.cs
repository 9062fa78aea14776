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

    [Fact]
    public void A_ping_cut_across_three_segments_is_answered_with_the_exact_ack()
    {
        var h = ConnectionHarness.Server();
        byte[] ping = Hex("000008 06 00 00000000 0102030405060708");
        var sequence = Segments(ping.AsSpan(0, 4).ToArray(), ping.AsSpan(4, 9).ToArray(), ping.AsSpan(13).ToArray());

        var received = Assert.IsType<PingReceived>(Assert.Single(h.Connection.ReceiveData(sequence)));
        var writer = new ArrayBufferWriter<byte>();
        int written = h.Connection.DataToSend(writer);

        Assert.Equal(0x0102030405060708UL, received.OpaqueData);
        Assert.Equal(Hex("000008 06 01 00000000 0102030405060708"), writer.WrittenSpan.ToArray());
        Assert.Equal(17, written);
    }

    [Fact]
    public void DataToSend_into_a_writer_that_gives_small_spans_writes_the_exact_frames()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        h.Connection.SendHeaders(1, FrameFactory.Response("200"));
        h.Connection.SendData(1, new byte[] { 0x61, 0x62, 0x63 }, endStream: true);
        var writer = new SmallSpanWriter(5);

        int written = h.Connection.DataToSend(writer);

        // HEADERS (END_HEADERS, ":status: 200" is static index 8 -> 0x88), then DATA "abc" with END_STREAM.
        byte[] expected = Hex("000001 01 04 00000001 88" + "000003 00 01 00000001 616263");
        Assert.Equal(expected, writer.Written.ToArray());
        Assert.Equal(expected.Length, written);
        Assert.Equal(0, h.Connection.OutboundDataLength);
    }

    [Fact]
    public void DataToSend_into_a_null_writer_throws_ArgumentNullException()
    {
        var h = ConnectionHarness.Server();
        h.Connection.Ping(1UL);

        Assert.Throws<ArgumentNullException>(() => h.Connection.DataToSend((IBufferWriter<byte>)null!));
        Assert.Equal(17, h.Connection.OutboundDataLength); // nothing was consumed
    }

    [Fact]
    public void A_client_that_receives_a_sequence_before_starting_gets_InvalidOperationException()
    {
        var client = new H2Connection(new H2Configuration { ClientSide = true });

        var ex = Assert.Throws<InvalidOperationException>(() => client.ReceiveData(Segments(FrameFactory.Settings())));
        Assert.Contains("InitiateConnection", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_error_in_the_first_segment_stops_before_the_second()
    {
        var h = ConnectionHarness.Server();
        // DATA on stream 0 is a connection error (RFC 9113 6.1); the PING after it must not be answered.
        var sequence = Segments(FrameFactory.Data(0, new byte[] { 1 }), FrameFactory.Ping(7));

        var ex = Assert.ThrowsAny<ProtocolException>(() => h.Connection.ReceiveData(sequence));
        var sent = h.Drain();

        Assert.Equal(ErrorCode.ProtocolError, ex.ErrorCode);
        Assert.Equal(H2Sharp.Frames.FrameType.GoAway, Assert.Single(sent).Type);
        Assert.Empty(h.Connection.ReceiveData(Segments(FrameFactory.Ping(8))));
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

    /// <summary>A writer whose spans are at most a few octets, as a pipe near a segment's end gives.</summary>
    private sealed class SmallSpanWriter(int spanSize) : IBufferWriter<byte>
    {
        private readonly List<byte> _written = [];
        private byte[] _span = new byte[spanSize];

        public IReadOnlyList<byte> Written => _written;

        public void Advance(int count) => _written.AddRange(_span.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            _span = new byte[Math.Max(spanSize, sizeHint)];
            return _span;
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
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
