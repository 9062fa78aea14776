using System.Runtime.InteropServices;
using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.HeaderBlocks;

/// <summary>Received fields equal to the previous block's share its bytes; changed ones get their own; values are always right.</summary>
public class HeaderSharingTests
{
    [Fact]
    public void A_repeated_field_shares_the_previous_blocks_bytes_and_a_changed_one_is_copied()
    {
        var h = ConnectionHarness.Server();
        var first = Assert.IsType<RequestReceived>(h.ReceiveRequest(1, true, ("x-id", "one"), ("accept", "*/*"))[0]);
        var second = Assert.IsType<RequestReceived>(h.ReceiveRequest(3, true, ("x-id", "two"), ("accept", "*/*"))[0]);

        Assert.Equal(FrameFactory.Text(first.Headers)[^2..], new[] { ("x-id", "one"), ("accept", "*/*") });
        Assert.Equal(FrameFactory.Text(second.Headers)[^2..], new[] { ("x-id", "two"), ("accept", "*/*") });
        int n = second.Headers.Count;
        Assert.True(MemoryMarshal.TryGetArray(first.Headers[n - 1].Value, out ArraySegment<byte> a));
        Assert.True(MemoryMarshal.TryGetArray(second.Headers[n - 1].Value, out ArraySegment<byte> b));
        Assert.Same(a.Array, b.Array); // "*/*" repeated: shared
        Assert.True(MemoryMarshal.TryGetArray(first.Headers[n - 2].Value, out a));
        Assert.True(MemoryMarshal.TryGetArray(second.Headers[n - 2].Value, out b));
        Assert.NotSame(a.Array, b.Array); // "one" -> "two": copied
        Assert.Equal("one"u8.ToArray(), first.Headers[n - 2].Value.ToArray()); // the first event is unchanged
    }

    [Fact]
    public void A_longer_block_after_a_shorter_one_copies_the_extra_fields()
    {
        var h = ConnectionHarness.Server();
        h.ReceiveRequest(1);
        var second = Assert.IsType<RequestReceived>(h.ReceiveRequest(3, true, ("a", ""), ("b", "2"))[0]);

        Assert.Equal(new[] { ("a", ""), ("b", "2") }, FrameFactory.Text(second.Headers)[^2..]);
    }
}
