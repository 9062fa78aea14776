using System;
using System.Diagnostics;

namespace H2Sharp;

/// <summary>
/// Why recently closed streams closed, for at most <see cref="H2Configuration.MaxClosedStreams"/>
/// streams: O(1) to add and look up, oldest forgotten first. A stream's full state is dropped
/// when it closes; only this reason remains.
/// </summary>
/// <remarks>
/// Two structures, both built from chunks small enough to stay off the large-object heap (a
/// record of 65,536 streams would otherwise grow through it, and every LOH allocation counts
/// towards a gen2 collection): a ring of ids in close order, for forgetting the oldest, and an
/// open-addressing index (linear probing on the id's low bits, backward-shift deletion) from id to
/// reason. Closing a stream allocates nothing once the record has grown to its size.
/// <para>
/// A peer picks its stream ids, so it can make them share their low bits and pile onto one probe
/// run. Every operation is therefore bounded: an entry sits at most <see cref="MaxDisplacement"/>
/// slots past its home, an id that would sit further is not indexed but forgotten at once (as if
/// it had closed long ago), and a removal's backward shift scans at most <see cref="ShiftBudget"/>
/// slots, leaving a tombstone when that runs out.
/// </para>
/// </remarks>
internal sealed class ClosedStreamRecord
{
    /// <summary>
    /// Entries per chunk: 4,096 ints are 16 KiB, well under the 85,000-byte large-object
    /// threshold.
    /// </summary>
    private const int ChunkShift = 12;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    /// <summary>The first ring chunk and the index start this small and double: most connections close few streams.</summary>
    private const int InitialSize = 64;

    /// <summary>
    /// The most entries the index can hold at half load (2^30 slots). Far beyond any real
    /// MaxClosedStreams: at that size the record would take more than 10 GB.
    /// </summary>
    private const int MaxEntries = 1 << 29;

    /// <summary>
    /// How far past its home slot an entry may sit. Honest ids sit at home, or a few slots on when
    /// streams close out of order; only ids chosen to share their low bits go further, and those
    /// are forgotten instead, so no lookup walks more than this plus one slot.
    /// </summary>
    internal const int MaxDisplacement = 32;

    /// <summary>
    /// Slots one removal's backward shift may scan. A shift can cascade along a run of displaced
    /// entries; past this budget the freed slot becomes a tombstone instead of empty.
    /// </summary>
    internal const int ShiftBudget = 4 * MaxDisplacement;

    /// <summary>Index key of a slot freed without a backward shift: lookups walk past it, adds reuse it.</summary>
    private const int Tombstone = -1;

    private readonly int _capacity;
    private int[][] _ring = [];
    private int _oldest;
    private int _count;

    private int[][] _keys = [];
    private byte[][] _reasons = [];
    private int _slotMask;

    public ClosedStreamRecord(int capacity)
    {
        Debug.Assert(capacity > 0, "MaxClosedStreams is validated to be at least 1.");
        _capacity = Math.Min(capacity, MaxEntries);
    }

    /// <summary>The highest stream id forgotten so far: ids at or below it that are not remembered closed long ago.</summary>
    public int ForgottenUpTo { get; private set; }

    /// <summary>Ids remembered in close order; an id dropped from the index when it grew stays counted until it is the oldest.</summary>
    public int Count => _count;

    /// <summary>Index slots read by adds, lookups and removals (not by growth): for tests bounding the work per operation.</summary>
    internal long SlotsVisited { get; private set; }

    public void Add(int streamId, StreamCloseReason reason)
    {
        Debug.Assert(streamId > 0, "Only streams close; 0 marks an empty index slot.");
        // At most one entry past the capacity is in the index, between adding the new id and forgetting the oldest.
        if ((Math.Min(_count, _capacity - 1) + 1) * 2 > _slotMask + 1)
        {
            GrowIndex();
        }

        // The first free slot (empty or tombstone) within reach, after checking the id is not already in.
        int home = Home(streamId);
        int free = -1;
        int d = 0;
        for (; d <= MaxDisplacement; d++)
        {
            int slot = (home + d) & _slotMask;
            int key = _keys[slot >> ChunkShift][slot & ChunkMask];
            if (key == streamId)
            {
                SlotsVisited += d + 1;
                return;
            }

            if (key <= 0 && free < 0)
            {
                free = slot;
            }

            if (key == 0)
            {
                break;
            }
        }

        SlotsVisited += Math.Min(d + 1, MaxDisplacement + 1);
        if (free < 0)
        {
            // Its home region is full: forget the stream now rather than walk further for it.
            Forget(streamId);
            return;
        }

        _keys[free >> ChunkShift][free & ChunkMask] = streamId;
        _reasons[free >> ChunkShift][free & ChunkMask] = (byte)reason;
        if (_count < _capacity)
        {
            SetRing(_count, streamId);
            _count++;
            return;
        }

        // Full: the new id takes the oldest's place in the ring, and the oldest is forgotten.
        int oldest = _ring[_oldest >> ChunkShift][_oldest & ChunkMask];
        _ring[_oldest >> ChunkShift][_oldest & ChunkMask] = streamId;
        _oldest = _oldest + 1 == _capacity ? 0 : _oldest + 1;
        Remove(oldest);
        Forget(oldest);
    }

    /// <summary>Lookups of an id no longer indexed answer "closed long ago": ids up to it count as forgotten.</summary>
    private void Forget(int streamId)
    {
        if (streamId > ForgottenUpTo)
        {
            ForgottenUpTo = streamId;
        }
    }

    /// <summary>
    /// How many slots a lookup of <paramref name="streamId"/> walks past its home before finding it,
    /// or -1 when it is not remembered. For tests of the index's resistance to chosen ids.
    /// </summary>
    internal int ProbeDistance(int streamId) => Find(streamId, out int visited) < 0 ? -1 : visited - 1;

    public bool TryGet(int streamId, out StreamCloseReason reason)
    {
        int slot = Find(streamId, out int visited);
        SlotsVisited += visited;
        reason = slot < 0 ? default : (StreamCloseReason)_reasons[slot >> ChunkShift][slot & ChunkMask];
        return slot >= 0;
    }

    /// <summary>
    /// The slot holding <paramref name="streamId"/>, or -1. No entry sits more than
    /// <see cref="MaxDisplacement"/> slots past its home, so the walk stops there or at an empty
    /// slot (tombstones are stepped over).
    /// </summary>
    private int Find(int streamId, out int visited)
    {
        visited = 0;
        if (_count == 0)
        {
            return -1;
        }

        int home = Home(streamId);
        for (int d = 0; d <= MaxDisplacement; d++)
        {
            int slot = (home + d) & _slotMask;
            int key = _keys[slot >> ChunkShift][slot & ChunkMask];
            visited = d + 1;
            if (key == streamId)
            {
                return slot;
            }

            if (key == 0)
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The id itself, masked: a side's ids rise in steps of 2 and mostly close in order, so they
    /// fill every other slot without colliding (the two sides take the odd and the even slots),
    /// and adding, forgetting and looking up walk memory in order instead of at random (the
    /// index of 65,536 streams is larger than the L2 cache).
    /// </summary>
    private int Home(int streamId) => streamId & _slotMask;

    /// <summary>Writes ring position <paramref name="position"/> while the ring fills, growing it a chunk (or the first chunk by doubling) at a time.</summary>
    private void SetRing(int position, int streamId)
    {
        int chunk = position >> ChunkShift;
        if (chunk == _ring.Length)
        {
            Array.Resize(ref _ring, chunk + 1);
            _ring[chunk] = new int[chunk == 0 ? Math.Min(InitialSize, _capacity) : Math.Min(ChunkSize, _capacity - position)];
        }
        else if ((position & ChunkMask) == _ring[chunk].Length)
        {
            // Only the first chunk starts short; it doubles up to a full chunk (or the capacity).
            int[] grown = new int[Math.Min(_ring[chunk].Length * 2, Math.Min(ChunkSize, _capacity))];
            _ring[chunk].CopyTo(grown, 0);
            _ring[chunk] = grown;
        }

        _ring[chunk][position & ChunkMask] = streamId;
    }

    /// <summary>Drops <paramref name="streamId"/> from the index, if it is there (growth may have dropped it).</summary>
    private void Remove(int streamId)
    {
        int home = Home(streamId);
        int hole = -1;
        for (int d = 0; d <= MaxDisplacement && hole < 0; d++)
        {
            SlotsVisited++;
            int slot = (home + d) & _slotMask;
            int key = _keys[slot >> ChunkShift][slot & ChunkMask];
            if (key == 0)
            {
                return;
            }

            if (key == streamId)
            {
                hole = slot;
            }
        }

        if (hole < 0)
        {
            return;
        }

        // Backward-shift deletion: pull later entries of the probe run into the hole when their
        // home slot lies at or before it, so no lookup ever meets a gap inside its run. No entry
        // sits more than MaxDisplacement past its home, so the scan from a hole stops there.
        int next = hole;
        for (int scanned = 1; ; scanned++)
        {
            next = (next + 1) & _slotMask;
            int gap = (next - hole) & _slotMask;
            if (gap > MaxDisplacement)
            {
                break;
            }

            if (scanned > ShiftBudget)
            {
                // A cascade along a run built to be long: stop, and keep the run joined.
                _keys[hole >> ChunkShift][hole & ChunkMask] = Tombstone;
                return;
            }

            SlotsVisited++;
            int key = _keys[next >> ChunkShift][next & ChunkMask];
            if (key == 0)
            {
                break;
            }

            if (key != Tombstone && ((next - Home(key)) & _slotMask) >= gap)
            {
                _keys[hole >> ChunkShift][hole & ChunkMask] = key;
                _reasons[hole >> ChunkShift][hole & ChunkMask] = _reasons[next >> ChunkShift][next & ChunkMask];
                hole = next;
            }
        }

        _keys[hole >> ChunkShift][hole & ChunkMask] = 0;
    }

    /// <summary>Doubles the index (from <see cref="InitialSize"/> slots) and reinserts every entry, dropping tombstones.</summary>
    private void GrowIndex()
    {
        int[][] oldKeys = _keys;
        byte[][] oldReasons = _reasons;
        int slots = _slotMask == 0 ? InitialSize : (_slotMask + 1) * 2;
        int chunkLength = Math.Min(slots, ChunkSize);
        int chunks = slots / chunkLength;
        _keys = new int[chunks][];
        _reasons = new byte[chunks][];
        for (int c = 0; c < chunks; c++)
        {
            _keys[c] = new int[chunkLength];
            _reasons[c] = new byte[chunkLength];
        }

        _slotMask = slots - 1;
        for (int c = 0; c < oldKeys.Length; c++)
        {
            int[] keys = oldKeys[c];
            for (int i = 0; i < keys.Length; i++)
            {
                int key = keys[i];
                if (key <= 0)
                {
                    continue;
                }

                Reinsert(key, oldReasons[c][i]);
            }
        }
    }

    /// <summary>Puts an entry into the new index during growth, forgetting it if its home region is full.</summary>
    private void Reinsert(int key, byte reason)
    {
        int home = Home(key);
        for (int d = 0; d <= MaxDisplacement; d++)
        {
            int slot = (home + d) & _slotMask;
            if (_keys[slot >> ChunkShift][slot & ChunkMask] == 0)
            {
                _keys[slot >> ChunkShift][slot & ChunkMask] = key;
                _reasons[slot >> ChunkShift][slot & ChunkMask] = reason;
                return;
            }
        }

        Forget(key);
    }
}
