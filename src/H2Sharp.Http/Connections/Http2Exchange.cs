using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using H2Sharp.Http.Streams;

namespace H2Sharp.Http.Connections;

/// <summary>
/// One request and its response on one HTTP/2 stream. It is the task the caller awaits (a
/// TaskCompletionSource, so no second allocation), the work item that runs the request body on
/// the thread pool, and the value-task source of body writes.
/// </summary>
/// <remarks>
/// Threads: the connection's loop owns the fields marked "loop". Other threads (the caller,
/// the body writer, the response reader, a cancellation) only set the request flags below with
/// interlocked operations and <see cref="Schedule"/> the exchange; the loop then acts on them.
/// </remarks>
internal sealed class Http2Exchange : TaskCompletionSource<HttpResponseMessage>, IValueTaskSource, IThreadPoolWorkItem
{
    private const int FlagAbort = 1;
    private const int FlagEndBody = 2;
    private const int FlagWrite = 4;

    private ManualResetValueTaskSourceCore<bool> _writeDone = new() { RunContinuationsAsynchronously = true };
    private int _flags;
    private int _scheduled;
    private int _pendingCredit;
    private int _bodyDisposed;
    private CancellationTokenRegistration _cancelRegistration;

    public Http2Exchange(ConnectionPool pool, HttpRequestMessage request, CancellationToken cancellationToken)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Pool = pool;
        Request = request;
        CancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            _cancelRegistration = cancellationToken.UnsafeRegister(static s => ((Http2Exchange)s!).RequestAbort(), this);
        }
    }

    public ConnectionPool Pool { get; }

    public HttpRequestMessage Request { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Loop: the connection the exchange is queued on or runs on.</summary>
    public Http2Connection? Connection { get; set; }

    /// <summary>Loop: 0 until the HEADERS frame is queued.</summary>
    public int StreamId { get; set; }

    /// <summary>Loop: an extended CONNECT (RFC 8441): the response body is a duplex stream.</summary>
    public bool ExtendedConnect { get; set; }

    /// <summary>Loop: END_STREAM (or RST_STREAM) sent: nothing more goes out.</summary>
    public bool LocalEnded { get; set; }

    /// <summary>Loop: END_STREAM (or RST_STREAM) received.</summary>
    public bool RemoteEnded { get; set; }

    /// <summary>Loop: the body writer was started (the request cannot be retried elsewhere after that).</summary>
    public bool BodyStarted { get; set; }

    /// <summary>Loop: the response handed to the caller; its body receives the DATA.</summary>
    public HttpResponseMessage? Response { get; set; }

    /// <summary>Loop: the response body.</summary>
    public Http2ResponseStream? Body { get; set; }

    /// <summary>Loop: queued on the connection until a stream is free (SETTINGS_MAX_CONCURRENT_STREAMS).</summary>
    public bool Waiting { get; set; }

    /// <summary>Loop: in the connection's list of writers waiting for flow-control window.</summary>
    public bool Blocked { get; set; }

    /// <summary>Counted in its connection's load (set when submitted, cleared by the loop when it leaves).</summary>
    public bool Counted { get; set; }

    /// <summary>Pool: how many times the request moved to another connection (GOAWAY, REFUSED_STREAM).</summary>
    public int Retries { get; set; }

    /// <summary>Loop: what is left of the write in progress.</summary>
    public ReadOnlyMemory<byte> PendingWrite { get; set; }

    /// <summary>Loop: set when an interim 100 (Continue) arrived; the body writer waits for it.</summary>
    public TaskCompletionSource? ContinueReceived { get; set; }

    /// <summary>Any thread: asks the loop to act on this exchange (once until it runs).</summary>
    public void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0 && Connection is { } connection)
        {
            connection.Enqueue(this);
        }
    }

    /// <summary>Loop: takes the requests made since the last run.</summary>
    public int TakeFlags()
    {
        Volatile.Write(ref _scheduled, 0);
        return Interlocked.Exchange(ref _flags, 0);
    }

    /// <summary>Loop: the credit the reader returned since the last run.</summary>
    public int TakeCredit() => Interlocked.Exchange(ref _pendingCredit, 0);

    public static bool IsAbort(int flags) => (flags & FlagAbort) != 0;

    public static bool IsEndBody(int flags) => (flags & FlagEndBody) != 0;

    public static bool IsWrite(int flags) => (flags & FlagWrite) != 0;

    /// <summary>Cancellation or a dispose: RST_STREAM CANCEL.</summary>
    public void RequestAbort()
    {
        Interlocked.Or(ref _flags, FlagAbort);
        if (Connection is not null)
        {
            Schedule();
        }
        else
        {
            // Not on a connection yet (still connecting): fail now; the pool drops it.
            TrySetCanceled(CancellationToken);
        }
    }

    /// <summary>Reader: octets read out of the body, to go back to the server as stream window.</summary>
    public void ReturnCredit(int octets)
    {
        Interlocked.Add(ref _pendingCredit, octets);
        Schedule();
    }

    /// <summary>Reader: the body was disposed. Before its end the stream is reset; a duplex stream ends its sending side.</summary>
    public void OnBodyDisposed(bool duplex)
    {
        if (Interlocked.Exchange(ref _bodyDisposed, 1) != 0)
        {
            return;
        }

        Interlocked.Or(ref _flags, duplex ? FlagEndBody : FlagAbort);
        Schedule();
    }

    public void Abort() => RequestAbort();

    /// <summary>Body writer: hands one buffer to the loop; completes when all of it is queued as DATA.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (buffer.IsEmpty)
        {
            return default;
        }

        _writeDone.Reset();
        PendingWriteFromWriter = buffer;
        Interlocked.Or(ref _flags, FlagWrite);
        Schedule();
        return new ValueTask(this, _writeDone.Version);
    }

    /// <summary>The buffer the writer handed over (read by the loop once it sees the write flag).</summary>
    public ReadOnlyMemory<byte> PendingWriteFromWriter { get; private set; }

    /// <summary>Loop: the write went out (or failed).</summary>
    public void CompleteWrite(Exception? error)
    {
        PendingWrite = default;
        PendingWriteFromWriter = default;
        if (error is null)
        {
            _writeDone.SetResult(true);
        }
        else
        {
            _writeDone.SetException(error);
        }
    }

    /// <summary>Loop: the stream is over; stop listening for cancellation.</summary>
    public void Finish() => _cancelRegistration.Dispose();

    /// <summary>Loop, before a retry on another connection: forget this connection's stream.</summary>
    public void ResetForRetry()
    {
        Connection = null;
        StreamId = 0;
        LocalEnded = RemoteEnded = ExtendedConnect = false;
        Interlocked.And(ref _flags, FlagAbort);
        Volatile.Write(ref _scheduled, 0);
    }

    /// <summary>Thread pool: writes the request content, then ends the stream.</summary>
    void IThreadPoolWorkItem.Execute() => _ = WriteBodyAsync();

    private async Task WriteBodyAsync()
    {
        HttpContent content = Request.Content!;
        try
        {
            if (ContinueReceived is { } continueSignal)
            {
                // RFC 9110 10.1.1: the client waits for 100 (Continue), a final status, or a while.
                TimeSpan wait = Pool.Settings.Expect100ContinueTimeout;
                await System.Threading.Tasks.Task.WhenAny(continueSignal.Task, System.Threading.Tasks.Task.Delay(wait, CancellationToken)).ConfigureAwait(false);
                if (Task.IsCompleted && Task.Result.StatusCode >= HttpStatusCode.MultipleChoices)
                {
                    // A final response already refused the body.
                    Interlocked.Or(ref _flags, FlagAbort);
                    Schedule();
                    return;
                }
            }

            var stream = new Http2RequestBodyStream(this);
            await content.CopyToAsync(stream, CancellationToken).ConfigureAwait(false);
            Interlocked.Or(ref _flags, FlagEndBody);
            Schedule();
        }
        catch (BodyWriteStoppedException)
        {
            // The stream closed under the writer (response complete, reset): nothing more to send.
        }
        catch (Exception e)
        {
            TrySetException(e is OperationCanceledException && CancellationToken.IsCancellationRequested
                ? e
                : new HttpRequestException(HttpRequestError.Unknown, "Writing the request content failed: " + e.Message, e));
            Interlocked.Or(ref _flags, FlagAbort);
            Schedule();
        }
    }

    void IValueTaskSource.GetResult(short token) => _writeDone.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _writeDone.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _writeDone.OnCompleted(continuation, state, token, flags);
}
