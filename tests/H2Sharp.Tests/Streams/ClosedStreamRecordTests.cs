namespace H2Sharp.Tests.Streams;

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

    [Fact]
    public void Ids_chosen_to_share_their_low_bits_do_not_pile_onto_one_probe_chain()
    {
        // A peer may skip stream ids: 1, 1 + 2^16, 1 + 2 * 2^16 ... all share their low 16 bits.
        // Indexed on the low bits alone they would form one chain of 30,000 slots, and every
        // add, lookup and removal would walk it. The capacity is below the count so that the
        // oldest are forgotten (removed) while the chain would still be growing.
        var record = new ClosedStreamRecord(capacity: 20_000);
        const int Count = 30_000;
        long worstAdd = 0, worstLookup = 0;
        for (int k = 0; k < Count; k++)
        {
            long before = record.SlotsVisited;
            record.Add(1 + (k << 16), StreamCloseReason.EndStreamSent);
            worstAdd = Math.Max(worstAdd, record.SlotsVisited - before);
        }

        int longest = 0;
        for (int k = 0; k < Count; k++)
        {
            int id = 1 + (k << 16);
            long before = record.SlotsVisited;
            bool remembered = record.TryGet(id, out var reason);
            worstLookup = Math.Max(worstLookup, record.SlotsVisited - before);
            // Each id is either remembered with its reason or forgotten: never reported skipped.
            Assert.True(remembered || id <= record.ForgottenUpTo, $"stream {id} neither remembered nor forgotten");
            Assert.Equal(remembered, record.ProbeDistance(id) >= 0);
            if (remembered)
            {
                Assert.Equal(StreamCloseReason.EndStreamSent, reason);
            }

            longest = Math.Max(longest, record.ProbeDistance(id));
        }

        int bound = ClosedStreamRecord.MaxDisplacement + 1;
        Assert.True(longest < bound, $"longest probe {longest} slots");
        Assert.True(worstLookup <= bound, $"a lookup read {worstLookup} slots");
        // An add may also forget the oldest: its own probe, then the removal's find and shift.
        Assert.True(worstAdd <= 2 * bound + ClosedStreamRecord.ShiftBudget, $"an add read {worstAdd} slots");
        Assert.Equal(-1, record.ProbeDistance(3));
        Assert.False(record.TryGet(3, out _));
    }

    [Theory]
    [InlineData(1, 64)]
    [InlineData(7, 300)]
    [InlineData(500, 4_000)]
    [InlineData(5_000, 40_000)]
    public void Chosen_ids_are_remembered_or_forgotten_and_never_misreported(int capacity, int closes)
    {
        // Ids drawn from a few low-bit patterns build long displaced runs, so removals cascade,
        // run out of shift budget and leave tombstones, and adds find their region full. Whatever
        // the record drops, it must never report a wrong reason, an id never added, or a
        // stream of its window above ForgottenUpTo as unknown.
        var record = new ClosedStreamRecord(capacity);
        var reasons = new Dictionary<int, StreamCloseReason>();
        var window = new Queue<int>();
        var added = new HashSet<int>();
        var random = new Random(capacity);
        long worst = 0;
        for (int i = 0; i < closes; i++)
        {
            int id = (random.Next(1, 1 << 14) << 16) | (random.Next(4) * 2 + 1 + (random.Next(3) == 0 ? random.Next(64) * 2 : 0));
            if (!added.Add(id))
            {
                continue; // a stream closes once
            }

            var reason = (StreamCloseReason)random.Next(3);
            long before = record.SlotsVisited;
            record.Add(id, reason);
            worst = Math.Max(worst, record.SlotsVisited - before);
            reasons.Add(id, reason);
            window.Enqueue(id);
            if (window.Count > capacity)
            {
                reasons.Remove(window.Dequeue());
            }

            if (i % 97 == 0 || i == closes - 1)
            {
                foreach (var (known, want) in reasons)
                {
                    if (record.TryGet(known, out var got))
                    {
                        Assert.Equal(want, got);
                    }
                    else
                    {
                        Assert.True(known <= record.ForgottenUpTo, $"stream {known} neither remembered nor forgotten");
                    }
                }
            }
        }

        for (int i = 0; i < 1_000; i++)
        {
            int stranger = (random.Next(1, 1 << 14) << 16) | (random.Next(4) * 2 + 1);
            if (!added.Contains(stranger))
            {
                Assert.False(record.TryGet(stranger, out _), $"stream {stranger} was never added");
            }
        }

        Assert.True(record.Count <= capacity);
        Assert.True(worst <= 2 * (ClosedStreamRecord.MaxDisplacement + 1) + ClosedStreamRecord.ShiftBudget, $"an add read {worst} slots");
    }

    [Fact]
    public void Consecutive_ids_of_one_side_sit_at_their_home_slots()
    {
        // The locality the index is built for: a side's ids in order keep their order in the
        // index and never collide.
        var record = new ClosedStreamRecord(capacity: 1_000);
        for (int id = 1; id < 1_024; id += 2)
        {
            record.Add(id, StreamCloseReason.EndStreamSent);
        }

        for (int id = 1; id < 1_024; id += 2)
        {
            Assert.Equal(0, record.ProbeDistance(id));
        }
    }
}
