using System;
using System.Threading;

namespace H2Sharp.Server;

/// <summary>Connection ids in Kestrel's style: a counter seeded from the clock, in 13 base-32 characters (e.g. <c>0HN7K2N5J9Q1A</c>).</summary>
internal static class ConnectionIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static long s_last = DateTime.UtcNow.Ticks;

    public static string Next()
    {
        long id = Interlocked.Increment(ref s_last);
        return string.Create(13, id, static (span, value) =>
        {
            for (int i = 12; i >= 0; i--)
            {
                span[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }
}
