using System.Globalization;
using System.Text;
using H2Sharp.Hpack;

namespace H2Sharp.Tests.Hpack;

/// <summary>
/// Builds src/H2Sharp/Hpack/HuffmanDecodeTable.cs from HuffmanCode: the code tree's internal
/// nodes, numbered breadth first, are the states; each (state, nibble) entry walks 4 bits.
/// </summary>
internal static class HuffmanDecodeTableGenerator
{
    public static uint[] Generate()
    {
        // Tree as arrays: child[node, bit] = internal node id, or -(symbol + 1) for a leaf.
        var children = new List<int[]> { new int[] { int.MinValue, int.MinValue } };
        for (int s = 0; s < HuffmanCode.SymbolCount; s++)
        {
            int node = 0;
            for (int i = HuffmanCode.Lengths[s] - 1; i >= 0; i--)
            {
                int bit = (int)(HuffmanCode.Codes[s] >> i) & 1;
                if (i == 0)
                {
                    children[node][bit] = -(s + 1);
                }
                else
                {
                    if (children[node][bit] == int.MinValue)
                    {
                        children.Add([int.MinValue, int.MinValue]);
                        children[node][bit] = children.Count - 1;
                    }

                    node = children[node][bit];
                }
            }
        }

        // Renumber breadth first, 0-branch first; track depth and the all-ones path.
        var order = new List<int> { 0 };
        var newId = new Dictionary<int, int> { [0] = 0 };
        var depth = new List<int> { 0 };
        var allOnes = new List<bool> { true };
        for (int q = 0; q < order.Count; q++)
        {
            for (int bit = 0; bit < 2; bit++)
            {
                int child = children[order[q]][bit];
                if (child >= 0)
                {
                    newId[child] = order.Count;
                    order.Add(child);
                    depth.Add(depth[q] + 1);
                    allOnes.Add(allOnes[q] && bit == 1);
                }
            }
        }

        var table = new uint[order.Count * 16];
        for (int state = 0; state < order.Count; state++)
        {
            for (int nibble = 0; nibble < 16; nibble++)
            {
                int node = order[state];
                int symbol = -1;
                bool fail = false;
                for (int i = 3; i >= 0; i--)
                {
                    int child = children[node][(nibble >> i) & 1];
                    if (child < 0)
                    {
                        if (-child - 1 == HuffmanCode.Eos)
                        {
                            fail = true;
                            break;
                        }

                        symbol = -child - 1;
                        node = 0;
                    }
                    else
                    {
                        node = child;
                    }
                }

                if (fail)
                {
                    table[state * 16 + nibble] = HuffmanDecodeTable.FailFlag;
                    continue;
                }

                int next = newId[node];
                uint entry = (uint)next;
                if (symbol >= 0)
                {
                    entry |= ((uint)symbol << 8) | HuffmanDecodeTable.EmitFlag;
                }

                if (allOnes[next] && depth[next] <= 7)
                {
                    entry |= HuffmanDecodeTable.AcceptFlag;
                }

                table[state * 16 + nibble] = entry;
            }
        }

        return table;
    }

    public static void WriteSource(uint[] table, string path)
    {
        string text = File.ReadAllText(path);
        int start = text.IndexOf("    [\n", StringComparison.Ordinal) + 6;
        int end = text.IndexOf("    ];", start, StringComparison.Ordinal);
        var rows = new StringBuilder();
        for (int i = 0; i < table.Length; i += 16)
        {
            rows.Append("        ");
            rows.AppendJoin(", ", table.Skip(i).Take(16).Select(e => "0x" + e.ToString("x5", CultureInfo.InvariantCulture)));
            rows.Append(",\n");
        }

        File.WriteAllText(path, text[..start] + rows + text[end..]);
    }
}
