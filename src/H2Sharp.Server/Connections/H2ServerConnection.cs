using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using H2Sharp.Events;

namespace H2Sharp.Server;

/// <summary>
/// One HTTP/2 connection and the one task that owns it. The owner reads the transport, feeds the
/// <see cref="H2Connection"/>, calls the app for each request (its synchronous part inline), runs
/// the work handlers posted from other threads, and writes everything the turn produced in one
/// write. Nobody else touches the H2Connection, so there is no lock per frame.
/// </summary>
internal sealed class H2ServerConnection : IThreadPoolWorkItem
{
    // One read takes what the kernel has, up to this: several frames per read on a busy connection.
    private const int ReadBufferSize = 32 * 1024;
    // Contexts kept for reuse beyond those in flight; the rest are left to the collector.
    private const int MaxPooledContexts = 32;

    private readonly ServerServices _services;
    private readonly Stream _transport;
    private readonly Dictionary<int, H2ServerRequestContext> _streams = [];
    private readonly Stack<H2ServerRequestContext> _pool = new();
    private readonly ConcurrentQueue<H2ServerRequestContext> _work = new();
    private readonly OwnerSignal _signal = new();
    private readonly Action _onReadCompleted;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private List<H2ServerRequestContext> _blocked = [];
    private List<H2ServerRequestContext> _blockedSpare = [];
    private H2Connection _core = null!;
    private FrameProgress _frames;
    private byte[]? _buffer;
    private int _ownerThread;
    private int _wakeQueued;
    private int _external;
    private bool _closing;
    private bool _draining;
    private bool _requestSeen;
    private long _lastActivity;
    private long _pingSentAt;
    private string _closeReason = "closed by the client";

    private const int ExternalTick = 1;
    private const int ExternalShutdown = 2;
    private const int ExternalAbort = 4;

    public H2ServerConnection(ServerServices services, Stream transport, H2ConnectionInfo info)
    {
        _services = services;
        _transport = transport;
        Info = info;
        _onReadCompleted = _signal.Set;
        MaxResponseBufferSize = services.Limits.MaxResponseBufferSize ?? long.MaxValue;
    }

    public H2ConnectionInfo Info { get; }

    public long MaxResponseBufferSize { get; }

    public ServerLog Log => _services.Log;

    public ServerMetrics Metrics => _services.Metrics;

    /// <summary>Completes when the connection is closed; the server waits on it when stopping.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public bool IsOwnerThread => _ownerThread == Environment.CurrentManagedThreadId;

    public void Start(ReadOnlyMemory<byte> firstBytes, UpgradeRequest? upgrade) => Completion = RunAsync(firstBytes, upgrade);

    /// <summary>Once a second, from the server's heartbeat: the owner checks its timeouts.</summary>
    public void Tick() => External(ExternalTick);

    /// <summary>Graceful stop: GOAWAY, drain, close.</summary>
    public void Shutdown() => External(ExternalShutdown);

    /// <summary>Stop now: close the transport; streams in flight are aborted.</summary>
    public void Abort() => External(ExternalAbort);

    public void Enqueue(H2ServerRequestContext context)
    {
        _work.Enqueue(context);
        Wake();
    }

    private void External(int what)
    {
        Interlocked.Or(ref _external, what);
        Wake();
    }

    /// <summary>Wakes the owner from another thread. Through the pool, so the poster's thread does not run the owner's turn.</summary>
    private void Wake()
    {
        if (Interlocked.CompareExchange(ref _wakeQueued, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        Volatile.Write(ref _wakeQueued, 0);
        _signal.Set();
    }

    private async Task RunAsync(ReadOnlyMemory<byte> firstBytes, UpgradeRequest? upgrade)
    {
        await Task.Yield(); // off the accept loop
        _buffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
        _lastActivity = Environment.TickCount64;
        Metrics.ConnectionOpened();
        Log.ConnectionAccepted(Info.ConnectionId, Info.RemoteEndPoint?.ToString());
        try
        {
            _core = new H2Connection(_services.CoreConfiguration);
            _frames = FrameProgress.AfterPreface(prefaceExpected: true);
            Enter();
            try
            {
                if (upgrade is not null)
                {
                    _core.InitiateUpgradeConnection(upgrade.Settings);
                    StartUpgradedRequest(upgrade);
                }
                else
                {
                    _core.InitiateConnection();
                }
                if (!firstBytes.IsEmpty)
                {
                    Receive(firstBytes);
                }
            }
            finally
            {
                Exit();
            }
            await FlushAsync().ConfigureAwait(false);
            await LoopAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            _closeReason = "transport error";
            Log.TransportError(Info.ConnectionId, e);
        }
        catch (ProtocolException e)
        {
            _closeReason = "upgrade refused";
            Log.ProtocolError(Info.ConnectionId, e.ErrorCode, e.Message);
        }
        finally
        {
            CloseAll();
        }
    }

    // The pending read is polled (IsCompleted), woken on (UnsafeOnCompleted) and consumed once (GetResult).
#pragma warning disable CA2012
    private async Task LoopAsync()
    {
        Stream transport = _transport;
        byte[] buffer = _buffer!;
        ValueTask<int> read = default;
        bool reading = false;
        bool registered = false;
        while (!_closing)
        {
            if (!reading)
            {
                read = transport.ReadAsync(buffer);
                reading = true;
                registered = false;
            }
            if (!read.IsCompleted)
            {
                if (_work.IsEmpty && Volatile.Read(ref _external) == 0 && !read.IsCompleted)
                {
                    if (!registered)
                    {
                        registered = true;
                        read.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onReadCompleted);
                    }
                    if (_signal.TryArm()) // a Set since the checks above makes this false: look again
                    {
                        await _signal.WaitAsync();
                    }
                }
            }
            Enter();
            try
            {
                if (read.IsCompleted)
                {
                    reading = false;
                    int count;
                    try
                    {
                        count = read.GetAwaiter().GetResult();
                    }
                    catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                    {
                        count = 0;
                    }
                    if (count == 0)
                    {
                        _closing = true;
                    }
                    else
                    {
                        Receive(buffer.AsMemory(0, count));
                    }
                }
                DrainWork();
                HandleExternal();
                if (_draining && _streams.Count == 0)
                {
                    _closing = true;
                    _closeReason = "drained after GOAWAY";
                }
            }
            finally
            {
                Exit();
            }
            await FlushAsync().ConfigureAwait(false);
        }
    }

#pragma warning restore CA2012

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter() => _ownerThread = Environment.CurrentManagedThreadId;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Exit() => _ownerThread = 0;

    private async ValueTask FlushAsync()
    {
        while (_core.OutboundDataLength > 0)
        {
            ReadOnlyMemory<byte> pending = _core.PendingOutboundData;
            await _transport.WriteAsync(pending).ConfigureAwait(false);
            _core.AdvanceOutbound(pending.Length);
            Metrics.Sent(pending.Length);
        }
    }

    private void Receive(ReadOnlyMemory<byte> data)
    {
        long now = Environment.TickCount64;
        _lastActivity = now;
        _pingSentAt = 0;
        Metrics.Received(data.Length);
        _frames.Observe(data.Span, now);
        IReadOnlyList<H2Event> events;
        try
        {
            events = _core.ReceiveData(data);
        }
        catch (ProtocolException e)
        {
            // The core queued GOAWAY with the error's code; send it and close.
            Log.ProtocolError(Info.ConnectionId, e.ErrorCode, e.Message);
            Metrics.GoAway(e.ErrorCode, remote: false);
            _closeReason = "protocol error " + e.ErrorCode;
            _closing = true;
            return;
        }
        for (int i = 0; i < events.Count; i++)
        {
            Dispatch(events[i]);
        }
    }

    private void Dispatch(H2Event e)
    {
        switch (e)
        {
            case RequestReceived request:
                OnRequest(request);
                break;
            case DataReceived data:
                if (_streams.TryGetValue(data.StreamId, out H2ServerRequestContext? forData))
                {
                    forData.OwnerReceiveData(data);
                }
                else
                {
                    Credit(data.FlowControlledLength, data.StreamId); // the connection window still counts it
                }
                break;
            case TrailersReceived trailers:
                if (_streams.TryGetValue(trailers.StreamId, out H2ServerRequestContext? forTrailers))
                {
                    forTrailers.OwnerTrailers(trailers);
                }
                break;
            case StreamEnded ended:
                if (_streams.TryGetValue(ended.StreamId, out H2ServerRequestContext? forEnd))
                {
                    forEnd.OwnerRemoteEnded();
                }
                break;
            case StreamReset reset:
                Metrics.Reset(reset.ErrorCode, reset.RemoteReset);
                if (_streams.TryGetValue(reset.StreamId, out H2ServerRequestContext? forReset))
                {
                    forReset.OwnerReset();
                }
                break;
            case WindowUpdated window:
                if (window.StreamId == 0)
                {
                    PumpBlocked();
                }
                else if (_streams.TryGetValue(window.StreamId, out H2ServerRequestContext? forWindow) && forWindow.Blocked)
                {
                    forWindow.Blocked = false;
                    _blocked.Remove(forWindow);
                    forWindow.OwnerSend();
                }
                break;
            case RemoteSettingsChanged:
                PumpBlocked(); // SETTINGS_INITIAL_WINDOW_SIZE moves every stream's window
                break;
            case PingAckReceived:
                _pingSentAt = 0;
                break;
            case ConnectionTerminated terminated:
                Metrics.GoAway(terminated.ErrorCode, remote: true);
                _closeReason = "GOAWAY from the client (" + terminated.ErrorCode + ")";
                if (terminated.ErrorCode == ErrorCode.NoError)
                {
                    _draining = true; // the client opens no more streams; finish the open ones
                }
                else
                {
                    _closing = true;
                }
                break;
        }
    }

    private void OnRequest(RequestReceived request)
    {
        _requestSeen = true;
        H2ServerRequestContext context = _pool.Count > 0 ? _pool.Pop() : new H2ServerRequestContext(this);
        context.Begin(request, _services.Limits);
        _streams.Add(request.StreamId, context);
        Metrics.StreamOpened();
        if (context.RejectStatus != 0)
        {
            context.OwnerReject();
            return;
        }
        ValueTask handled;
        try
        {
            handled = _services.Application.HandleAsync(context);
        }
#pragma warning disable CA1031 // The app's exception becomes a 500; the connection goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            handled = ValueTask.FromException(ex);
        }
        context.SetAppTask(handled);
        if (handled.IsCompleted)
        {
            context.OwnerAppDone();
        }
    }

    private void StartUpgradedRequest(UpgradeRequest upgrade)
    {
        _requestSeen = true;
        var request = new RequestReceived { StreamId = 1, Headers = upgrade.Headers, StreamEnded = new StreamEnded { StreamId = 1 } };
        OnRequest(request);
    }

    private void DrainWork()
    {
        while (_work.TryDequeue(out H2ServerRequestContext? context))
        {
            context.OwnerDrain();
        }
    }

    private void HandleExternal()
    {
        int external = Interlocked.Exchange(ref _external, 0);
        if (external == 0)
        {
            return;
        }
        if ((external & ExternalAbort) != 0)
        {
            _closing = true;
            _closeReason = "aborted by the server";
            return;
        }
        if ((external & ExternalShutdown) != 0)
        {
            StartDrain("server shutdown");
        }
        if ((external & ExternalTick) != 0)
        {
            CheckLimits(Environment.TickCount64);
        }
    }

    /// <summary>RFC 9113 section 6.8: GOAWAY with NO_ERROR and the last stream id; open streams go on, new ones are refused.</summary>
    private void StartDrain(string reason)
    {
        if (_draining && _closing)
        {
            return;
        }
        _closeReason = reason;
        if (!_draining)
        {
            _draining = true;
            try
            {
                _core.CloseConnection(ErrorCode.NoError);
                Metrics.GoAway(ErrorCode.NoError, remote: false);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                _closing = true; // the connection cannot send GOAWAY (already closed): just close
            }
        }
    }

    private void CloseWithGoAway(ErrorCode code, string limit)
    {
        Log.LimitReached(Info.ConnectionId, limit);
        _closeReason = limit;
        try
        {
            _core.CloseConnection(code);
            Metrics.GoAway(code, remote: false);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Not started (no preface yet) or closed already: nothing to say, just close.
        }
        _closing = true;
    }

    private void CheckLimits(long now)
    {
        H2ServerLimits limits = _services.Limits;
        if (limits.RequestHeadersTimeout != Timeout.InfiniteTimeSpan)
        {
            long headers = (long)limits.RequestHeadersTimeout.TotalMilliseconds;
            // First the more specific case: a frame or header block begun and never finished
            // (slowloris). The HPACK context is stuck mid-block, so the connection cannot go on.
            if (_frames.PendingSince != 0 && now - _frames.PendingSince > headers)
            {
                CloseWithGoAway(ErrorCode.ProtocolError, "RequestHeadersTimeout (unfinished frame or header block)");
                return;
            }
            if (!_requestSeen && now - _lastActivity > headers && _streams.Count == 0)
            {
                CloseWithGoAway(ErrorCode.NoError, "RequestHeadersTimeout (no request)");
                return;
            }
        }
        if (_requestSeen && limits.KeepAliveTimeout != Timeout.InfiniteTimeSpan && _streams.Count == 0
            && now - _lastActivity > (long)limits.KeepAliveTimeout.TotalMilliseconds)
        {
            CloseWithGoAway(ErrorCode.NoError, "KeepAliveTimeout");
            return;
        }
        if (limits.KeepAlivePingDelay != Timeout.InfiniteTimeSpan)
        {
            if (_pingSentAt != 0 && now - _pingSentAt > (long)limits.KeepAlivePingTimeout.TotalMilliseconds)
            {
                CloseWithGoAway(ErrorCode.NoError, "KeepAlivePingTimeout");
                return;
            }
            if (_pingSentAt == 0 && now - _lastActivity > (long)limits.KeepAlivePingDelay.TotalMilliseconds)
            {
                _pingSentAt = now;
                try
                {
                    _core.Ping((ulong)now);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    _pingSentAt = 0;
                }
            }
        }
        CheckRates(now, limits);
    }

    private List<H2ServerRequestContext>? _rateScratch;

    private void CheckRates(long now, H2ServerLimits limits)
    {
        H2MinDataRate? send = limits.MinResponseDataRate;
        H2MinDataRate? body = limits.MinRequestBodyDataRate;
        if (send is null && body is null || _streams.Count == 0)
        {
            return;
        }
        List<H2ServerRequestContext> slow = _rateScratch ??= [];
        foreach (H2ServerRequestContext context in _streams.Values)
        {
            if (send is not null && context.Blocked && TooSlow(ref context.SendRateStart, ref context.SendRateBytes, 0, now, send))
            {
                slow.Add(context);
            }
            else if (body is not null && context.IsBodyReading && !context.RemoteEnded
                && TooSlow(ref context.BodyRateStart, ref context.BodyRateBytes, context.BodyReceived, now, body))
            {
                slow.Add(context);
            }
        }
        foreach (H2ServerRequestContext context in slow)
        {
            Log.LimitReached(Info.ConnectionId, context.Blocked ? "MinResponseDataRate" : "MinRequestBodyDataRate");
            if (context.Blocked)
            {
                context.OwnerAbort(ErrorCode.Cancel);
            }
            else
            {
                context.OwnerBodyTooSlow();
            }
        }
        slow.Clear();
    }

    /// <summary>Whether a transfer measured from <paramref name="start"/> averages below <paramref name="rate"/> after its grace period.</summary>
    private static bool TooSlow(ref long start, ref long bytes, long total, long now, H2MinDataRate rate)
    {
        if (start == 0)
        {
            start = now;
            bytes = total == 0 ? 0 : -total;
            return false;
        }
        double elapsed = (now - start) / 1000.0;
        if (elapsed * 1000 <= rate.GracePeriod.TotalMilliseconds)
        {
            return false;
        }
        long moved = total == 0 ? bytes : total + bytes;
        return moved / elapsed < rate.BytesPerSecond;
    }

    // ---- Called by contexts on the owner ---------------------------------------------------

    internal void Credit(int bytes, int streamId)
    {
        if (bytes <= 0)
        {
            return;
        }
        try
        {
            _core.AcknowledgeReceivedData(bytes, streamId);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // The stream is long gone; its credit no longer matters.
        }
    }

    internal bool SendHeaders(int streamId, List<HeaderField> headers, bool endStream)
    {
        try
        {
            _core.SendHeaders(streamId, headers, endStream);
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return false; // the stream was reset or the connection closed meanwhile
        }
    }

    internal int SendAvailable(int streamId, ReadOnlySpan<byte> data, bool endStream)
    {
        try
        {
            return _core.SendAvailableData(streamId, data, endStream);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return -1;
        }
    }

    internal void EndStream(int streamId)
    {
        try
        {
            _core.EndStream(streamId);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Reset meanwhile.
        }
    }

    internal void TryReset(int streamId, ErrorCode code)
    {
        try
        {
            _core.ResetStream(streamId, code);
            Metrics.Reset(code, remote: false);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // Already closed.
        }
    }

    internal void MarkBlocked(H2ServerRequestContext context)
    {
        if (!context.Blocked)
        {
            context.Blocked = true;
            _blocked.Add(context);
        }
    }

    private void PumpBlocked()
    {
        if (_blocked.Count == 0)
        {
            return;
        }
        List<H2ServerRequestContext> list = _blocked;
        _blocked = _blockedSpare;
        foreach (H2ServerRequestContext context in list)
        {
            context.Blocked = false;
            context.OwnerSend();
        }
        list.Clear();
        _blockedSpare = list;
    }

    internal void Retire(H2ServerRequestContext context)
    {
        if (!_streams.Remove(context.StreamId))
        {
            return;
        }
        Metrics.StreamClosed();
        _lastActivity = Environment.TickCount64;
        if (context.Blocked)
        {
            context.Blocked = false;
            _blocked.Remove(context);
        }
        if (context.HasCompletedCallbacks)
        {
            context.RunCompletedCallbacks(); // the callbacks may still look at it: not reused
            return;
        }
        context.Recycle();
        if (_pool.Count < MaxPooledContexts)
        {
            _pool.Push(context);
        }
    }

    private void CloseAll()
    {
        _closing = true;
        foreach (H2ServerRequestContext context in _streams.Values)
        {
            context.OwnerConnectionClosed();
            Metrics.StreamClosed();
        }
        _streams.Clear();
        _blocked.Clear();
        try
        {
            _transport.Dispose();
        }
        catch (IOException)
        {
            // Closing a broken transport: nothing to do.
        }
        if (_buffer is not null)
        {
            // The buffer may still be the target of a read the dispose just failed; let it go rather than reuse it.
            _buffer = null;
        }
        Metrics.ConnectionClosed(_startTimestamp);
        Log.ConnectionClosed(Info.ConnectionId, _closeReason);
        _services.ConnectionClosed(this);
    }
}
