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
/// Protocol: the owner calls <see cref="Reset"/>, then looks for work, then awaits
/// <see cref="WaitAsync"/> only if it found none. Posters publish their work first, then call
/// <see cref="Set"/>; whoever sets first completes the wait, later sets are no-ops until the next Reset.
/// </remarks>
internal sealed class OwnerSignal : IValueTaskSource
{
    private ManualResetValueTaskSourceCore<bool> _core;
    private int _set;

    public OwnerSignal()
    {
        // The continuation (the owner's loop) runs on the thread that sets: the socket's I/O
        // completion thread for reads (no extra hop), a pool thread for posted work (see the connection).
        _core.RunContinuationsAsynchronously = false;
    }

    public void Reset()
    {
        _core.Reset();
        Volatile.Write(ref _set, 0);
    }

    public ValueTask WaitAsync() => new(this, _core.Version);

    /// <summary>Completes the current wait, once.</summary>
    public void Set()
    {
        if (Interlocked.Exchange(ref _set, 1) == 0)
        {
            _core.SetResult(true);
        }
    }

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
