namespace H2Sharp.Tests.Connection;

/// <summary>The compact closed-stream record against a plain dictionary-and-queue model of the same contract.</summary>
public class ClosedStreamRecordTests
{
    [Theory]
    [InlineData(1, 50)]
    [InlineData(3, 400)]
    [InlineData(100, 5_000)]
    [InlineData(5_000, 30_000)]
    public void Record_matches_a_dictionary_and_queue_model(int capacity, int closes)
    {
        var record = new ClosedStreamRecord(capacity);
        var reasons = new Dictionary<int, StreamCloseReason>();
        var order = new Queue<int>();
        int forgotten = 0;
        var random = new Random(capacity);
        var pending = new List<int>();
        int nextId = 1;

        for (int i = 0; i < closes; i++)
        {
            // Streams open in id order and close in a shuffled order, with a few repeats.
            while (pending.Count < 8) { pending.Add(nextId); nextId += random.Next(1, 3); }
            int pick = random.Next(pending.Count);
            int id = pending[pick];
            if (random.Next(10) != 0) pending.RemoveAt(pick);
            var reason = (StreamCloseReason)random.Next(3);

            record.Add(id, reason);
            if (reasons.TryAdd(id, reason))
            {
                order.Enqueue(id);
                if (order.Count > capacity)
                {
                    int oldest = order.Dequeue();
                    reasons.Remove(oldest);
                    forgotten = Math.Max(forgotten, oldest);
                }
            }

            Assert.Equal(reasons.Count, record.Count);
            Assert.Equal(forgotten, record.ForgottenUpTo);
        }

        for (int id = 1; id <= nextId + 2; id++)
        {
            bool expected = reasons.TryGetValue(id, out var want);
            Assert.Equal(expected, record.TryGet(id, out var got));
            Assert.Equal(expected ? want : default, got);
        }
    }

    [Fact]
    public void Ids_near_the_top_of_the_range_are_kept()
    {
        var record = new ClosedStreamRecord(capacity: 4);
        record.Add(int.MaxValue, StreamCloseReason.ResetByPeer);
        record.Add(int.MaxValue - 1, StreamCloseReason.ResetByUs);
        Assert.True(record.TryGet(int.MaxValue, out var a));
        Assert.Equal(StreamCloseReason.ResetByPeer, a);
        Assert.True(record.TryGet(int.MaxValue - 1, out var b));
        Assert.Equal(StreamCloseReason.ResetByUs, b);
        Assert.False(record.TryGet(int.MaxValue - 2, out _));
    }

    [Fact(Skip = "known issue (docs/security.md, 'Open issues'): the index homes ids on their low bits, so ids a peer spaces 2^16 apart share one probe chain (longest probe 29,999 slots here). A keyed hash of the whole id fixes it but cost 3.5x on W1 (cache scatter, clustering); needs a design that keeps locality.")]
    public void Ids_chosen_to_share_their_low_bits_do_not_pile_onto_one_probe_chain()
    {
        // A peer may skip stream ids: 1, 1 + 2^16, 1 + 2 * 2^16 ... all share their low 16 bits.
        // Indexed on the low bits alone they would form one chain of 30,000 slots, and every
        // lookup of a late frame on such a stream would walk it.
        var record = new ClosedStreamRecord(capacity: 65_536);
        const int Count = 30_000;
        for (int k = 0; k < Count; k++)
        {
            record.Add(1 + (k << 16), StreamCloseReason.Ended);
        }

        int longest = 0;
        for (int k = 0; k < Count; k++)
        {
            int distance = record.ProbeDistance(1 + (k << 16));
            Assert.True(distance >= 0, $"stream {1 + (k << 16)} was forgotten");
            longest = Math.Max(longest, distance);
        }

        Assert.True(longest < 256, $"longest probe {longest} slots");
        Assert.Equal(-1, record.ProbeDistance(3));
    }

    [Fact]
    public void Consecutive_ids_of_one_side_sit_at_their_home_slots()
    {
        // The locality the index is built for: a side's ids in order keep their order in the
        // index and never collide.
        var record = new ClosedStreamRecord(capacity: 1_000);
        for (int id = 1; id < 1_024; id += 2)
        {
            record.Add(id, StreamCloseReason.Ended);
        }

        for (int id = 1; id < 1_024; id += 2)
        {
            Assert.Equal(0, record.ProbeDistance(id));
        }
    }
}
