namespace H2Sharp.Tests.Robustness;

/// <summary>
/// Deterministic mutations of corpus files (what a fuzzer's first stage does): bit flips,
/// interesting byte values, truncation, insertion, deletion, chunk duplication and splicing of
/// two files. Same seed, same cases, on every machine.
/// </summary>
internal sealed class Mutator(int seed, IReadOnlyList<byte[]> pool)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x3f, 0x40, 0x20, 0x10, 0x09, 0x04, 0xfe];
    private readonly Random _random = new(seed);

    public byte[] Next()
    {
        byte[] input = pool[_random.Next(pool.Count)].ToArray();
        int rounds = 1 + _random.Next(4);
        for (int i = 0; i < rounds; i++)
        {
            input = Mutate(input);
        }

        return input;
    }

    private byte[] Mutate(byte[] input)
    {
        if (input.Length == 0)
        {
            return [(byte)_random.Next(256)];
        }

        int at = _random.Next(input.Length);
        switch (_random.Next(7))
        {
            case 0:
                input[at] ^= (byte)(1 << _random.Next(8));
                return input;
            case 1:
                input[at] = Interesting[_random.Next(Interesting.Length)];
                return input;
            case 2:
                return input[..at];
            case 3:
                return [.. input[..at], (byte)_random.Next(256), .. input[at..]];
            case 4:
                return [.. input[..at], .. input[Math.Min(input.Length, at + 1 + _random.Next(8))..]];
            case 5:
                int length = Math.Min(1 + _random.Next(32), input.Length - at);
                return [.. input[..(at + length)], .. input[at..]];
            default:
                byte[] other = pool[_random.Next(pool.Count)];
                int cut = other.Length == 0 ? 0 : _random.Next(other.Length);
                return [.. input[..at], .. other[cut..]];
        }
    }
}
