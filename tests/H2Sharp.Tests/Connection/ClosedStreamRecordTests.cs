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
}
