using System.Runtime.InteropServices;

namespace H2Sharp.Benchmarks.Runner;

/// <summary>This thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), for diagnostics on a busy machine.</summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Nanoseconds of CPU this thread has used; 0 where unsupported.</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        ClockGetTime(ClockThreadCpuTimeId, out TimeSpec t);
        return (t.Seconds * 1_000_000_000) + t.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
