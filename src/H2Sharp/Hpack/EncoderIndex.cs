using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace H2Sharp.Hpack;

/// <summary>
/// The encoder's hash index over its dynamic table: (name, value) and name to the newest entry,
/// so a lookup costs one hash and a short chain instead of a scan of every entry.
/// </summary>
/// <remarks>
/// Entries are numbered by insertion (sequence numbers); entry index = newest sequence minus the
/// entry's sequence. Each bucket holds its newest sequence and each entry the next older one in
/// its bucket, so chains run newest first and stop at the first evicted sequence: eviction needs
/// no work here. Per-entry data lives in rings of the table's entry capacity, indexed by
/// sequence modulo capacity, which is safe because only live sequences are ever read.
/// </remarks>
internal sealed class EncoderIndex
{
    private int[] _fieldHeads = [];
    private int[] _nameHeads = [];
    private int[] _fieldNext = [];
    private int[] _nameNext = [];
    private int[] _fieldHash = [];
    private int[] _nameHash = [];
    private int _capacity;
    private int _mask;
    private int _newest = -1;

    /// <summary>Creates an index for an empty table.</summary>
    /// <param name="table">The table, empty.</param>
    public EncoderIndex(DynamicTable table) => Rebuild(table);

    /// <summary>The insertion sequence number of the newest entry (entry 0); entry i has <c>Newest - i</c>.</summary>
    public int Newest => _newest;

    // A random seed per process, as HashCode has: the chains are bounded by the table's entry
    // count anyway (at most MaxTableSizeLimit / 32), so a collision costs compares, never more.
    private static readonly ulong s_seed = (ulong)Random.Shared.NextInt64() | 1;

    /// <summary>The hash of a name.</summary>
    public static int HashName(ReadOnlySpan<byte> name) => Hash(name, s_seed);

    /// <summary>The hash of a field, from its name's hash and its value.</summary>
    public static int HashField(int nameHash, ReadOnlySpan<byte> value) => Hash(value, s_seed ^ ((ulong)(uint)nameHash << 17));

    /// <summary>
    /// A multiply-xorshift hash that takes 8 octets per step (HashCode.AddBytes mixes 4 at a time
    /// through more rounds; this index only needs its buckets spread, and the compares decide).
    /// </summary>
    private static int Hash(ReadOnlySpan<byte> data, ulong seed)
    {
        const ulong K = 0x9E3779B97F4A7C15;
        ulong h = seed ^ ((ulong)data.Length * K);
        ref byte p = ref MemoryMarshal.GetReference(data);
        int n = data.Length;
        int i = 0;
        for (; i + 8 <= n; i += 8)
        {
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i))) * K;
            h ^= h >> 32;
        }

        if (i < n)
        {
            // The last 1 to 7 octets: two overlapping 4-octet reads when there are 4 or more.
            ulong tail;
            int left = n - i;
            if (left >= 4)
            {
                tail = ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i)) << 32) | Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, n - 4));
            }
            else
            {
                tail = ((ulong)Unsafe.Add(ref p, i) << 16) | ((ulong)Unsafe.Add(ref p, i + (left >> 1)) << 8) | Unsafe.Add(ref p, n - 1);
            }

            h = (h ^ tail) * K;
            h ^= h >> 32;
        }

        h *= K;
        return (int)(h >> 32);
    }

    /// <summary>Records the entry the table just added (entry 0).</summary>
    public void Added(DynamicTable table, int nameHash, int fieldHash)
    {
        if (_newest == int.MaxValue - 1)
        {
            Rebuild(table); // renumber before the sequence overflows; includes the new entry
            return;
        }

        Insert(++_newest, nameHash, fieldHash);
    }

    /// <summary>
    /// Finds the newest entry with this name and value (0-based index, or -1); when there is none,
    /// <paramref name="nameIndex"/> is the newest entry with this name, or -1.
    /// </summary>
    public int Find(DynamicTable table, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, int nameHash, int fieldHash, out int nameIndex)
    {
        int oldest = _newest - table.Count + 1;
        for (int s = _fieldHeads[fieldHash & _mask]; s >= oldest; s = _fieldNext[s % _capacity])
        {
            int index = _newest - s;
            if (_fieldHash[s % _capacity] == fieldHash && table.GetName(index).SequenceEqual(name) && table.GetValue(index).SequenceEqual(value))
            {
                nameIndex = index;
                return index;
            }
        }

        for (int s = _nameHeads[nameHash & _mask]; s >= oldest; s = _nameNext[s % _capacity])
        {
            int index = _newest - s;
            if (_nameHash[s % _capacity] == nameHash && table.GetName(index).SequenceEqual(name))
            {
                nameIndex = index;
                return -1;
            }
        }

        nameIndex = -1;
        return -1;
    }

    /// <summary>Rebuilds the index from the table (after a size change, which may change its capacity).</summary>
    public void Rebuild(DynamicTable table)
    {
        int capacity = Math.Max(table.MaxSize / HeaderField.EntryOverhead + 1, table.Count);
        if (capacity != _capacity)
        {
            _capacity = capacity;
            int buckets = (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * capacity)));
            _mask = buckets - 1;
            _fieldHeads = new int[buckets];
            _nameHeads = new int[buckets];
            _fieldNext = new int[capacity];
            _nameNext = new int[capacity];
            _fieldHash = new int[capacity];
            _nameHash = new int[capacity];
        }

        _fieldHeads.AsSpan().Fill(-1);
        _nameHeads.AsSpan().Fill(-1);
        _newest = -1;
        for (int i = table.Count - 1; i >= 0; i--)
        {
            int nameHash = HashName(table.GetName(i));
            Insert(++_newest, nameHash, HashField(nameHash, table.GetValue(i)));
        }
    }

    private void Insert(int seq, int nameHash, int fieldHash)
    {
        int slot = seq % _capacity;
        _fieldHash[slot] = fieldHash;
        _nameHash[slot] = nameHash;
        ref int fieldHead = ref _fieldHeads[fieldHash & _mask];
        _fieldNext[slot] = fieldHead;
        fieldHead = seq;
        ref int nameHead = ref _nameHeads[nameHash & _mask];
        _nameNext[slot] = nameHead;
        nameHead = seq;
    }
}
