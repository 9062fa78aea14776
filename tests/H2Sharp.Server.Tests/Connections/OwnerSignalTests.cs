namespace H2Sharp.Server.Tests.Connections;

public class OwnerSignalTests
{
    [Fact]
    public async Task A_set_while_armed_completes_the_wait_once_and_later_sets_never_throw()
    {
        var signal = new OwnerSignal();
        Assert.True(signal.TryArm());
        ValueTask wait = signal.WaitAsync();
        Assert.False(wait.IsCompleted);

        signal.Set();
        await wait;
        // The owner stopped for good: late read completions and pool wakes must be harmless.
        signal.Set();
        signal.Set();

        Assert.False(signal.TryArm()); // the late signal is remembered once
        Assert.True(signal.TryArm());
    }

    [Fact]
    public async Task Concurrent_sets_against_an_owner_that_arms_and_waits_lose_no_wakeup_and_throw_nothing()
    {
        var signal = new OwnerSignal();
        int posted = 0;
        const int Rounds = 20_000;
        var owner = Task.Run(async () =>
        {
            int seen = 0;
            while (seen < Rounds)
            {
                seen = Volatile.Read(ref posted);
                if (seen < Rounds && signal.TryArm())
                {
                    await signal.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
        });
        var posters = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (Interlocked.Increment(ref posted) <= Rounds)
            {
                signal.Set();
            }
            for (int i = 0; i < 1000; i++)
            {
                signal.Set(); // after the owner is done
            }
        })).ToArray();

        await Task.WhenAll(posters).WaitAsync(TimeSpan.FromSeconds(30));
        await owner.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
