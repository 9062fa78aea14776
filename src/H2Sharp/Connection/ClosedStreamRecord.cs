using System.Collections.Generic;

namespace H2Sharp;

/// <summary>
/// Why recently closed streams closed, for at most <see cref="H2Configuration.MaxClosedStreams"/>
/// streams: O(1) to add and look up, oldest forgotten first. A stream's full state is dropped
/// when it closes; only this reason remains.
/// </summary>
internal sealed class ClosedStreamRecord
{
    private readonly int _capacity;
    private readonly Dictionary<int, StreamCloseReason> _reasons = new();
    private readonly Queue<int> _order = new();

    public ClosedStreamRecord(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>The highest stream id forgotten so far: ids at or below it that are not remembered closed long ago.</summary>
    public int ForgottenUpTo { get; private set; }

    public int Count => _reasons.Count;

    public void Add(int streamId, StreamCloseReason reason)
    {
        if (_reasons.TryAdd(streamId, reason))
        {
            _order.Enqueue(streamId);
            if (_order.Count > _capacity)
            {
                int oldest = _order.Dequeue();
                _reasons.Remove(oldest);
                if (oldest > ForgottenUpTo)
                {
                    ForgottenUpTo = oldest;
                }
            }
        }
    }

    public bool TryGet(int streamId, out StreamCloseReason reason) => _reasons.TryGetValue(streamId, out reason);
}
