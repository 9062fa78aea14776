using System;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;

namespace H2Sharp.Server;

/// <summary>
/// What the connection's owner task waits on between turns: the socket read finishing or work
/// posted by a handler running elsewhere. One reusable awaitable, so a wait allocates nothing.
/// </summary>
/// <remarks>
/// Protocol: the owner looks for work, then calls <see cref="TryArm"/> and awaits
/// <see cref="WaitAsync"/> only when it returns true. Posters publish their work first, then call
/// <see cref="Set"/>. Only a Set that finds the owner armed completes the wait (exactly once per
/// arm); a Set while the owner runs is remembered and makes the next TryArm return false. So a
/// Set after the owner has stopped for good (a late read completion or pool wake after
/// StopAsync) never completes the source twice, which used to throw on a pool thread.
/// </remarks>
internal sealed class OwnerSignal : IValueTaskSource
{
    private const int Running = 0;   // the owner runs; no signal pending
    private const int Signalled = 1; // the owner runs; a Set came meanwhile
    private const int Armed = 2;     // the owner waits; the next Set completes the source

    private ManualResetValueTaskSourceCore<bool> _core;
    private int _state;

    public OwnerSignal()
    {
        // The continuation (the owner's loop) runs on the thread that sets: the socket's I/O
        // completion thread for reads (no extra hop), a pool thread for posted work (see the connection).
        _core.RunContinuationsAsynchronously = false;
    }

    /// <summary>Owner only: prepares a wait. False when a Set came since the last one (look for work again instead).</summary>
    public bool TryArm()
    {
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Armed, Running) == Running)
        {
            return true;
        }
        Volatile.Write(ref _state, Running); // consume the pending signal
        return false;
    }

    /// <summary>Owner only, after <see cref="TryArm"/> returned true.</summary>
    public ValueTask WaitAsync() => new(this, _core.Version);

    /// <summary>Wakes the owner: completes its wait when armed, otherwise leaves a signal for its next <see cref="TryArm"/>.</summary>
    public void Set()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == Signalled)
            {
                return;
            }
            if (state == Running)
            {
                if (Interlocked.CompareExchange(ref _state, Signalled, Running) == Running)
                {
                    return;
                }
                continue;
            }
            if (Interlocked.CompareExchange(ref _state, Running, Armed) == Armed)
            {
                _core.SetResult(true);
                return;
            }
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
