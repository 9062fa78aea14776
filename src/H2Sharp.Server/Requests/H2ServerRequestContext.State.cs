using System;
using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using H2Sharp.Events;

namespace H2Sharp.Server;

/// <summary>
/// The state behind the public members: what the app thread sets, and what the connection's
/// owner does with it. The app never touches the <see cref="H2Connection"/>: it posts work
/// (<see cref="Post"/>) which the owner runs, or runs at once when the app is already on the
/// owner's thread (a handler's synchronous part).
/// </summary>
public sealed partial class H2ServerRequestContext
{
    private static readonly byte[] MethodName = Encoding.ASCII.GetBytes(":method");
    private static readonly byte[] PathName = Encoding.ASCII.GetBytes(":path");
    private static readonly byte[] SchemeName = Encoding.ASCII.GetBytes(":scheme");
    private static readonly byte[] AuthorityName = Encoding.ASCII.GetBytes(":authority");
    private static readonly byte[] ProtocolName = Encoding.ASCII.GetBytes(":protocol");
    private static readonly byte[] HostName = Encoding.ASCII.GetBytes("host");
    private static readonly byte[] ContentLengthName = Encoding.ASCII.GetBytes("content-length");
    private static readonly HeaderField ZeroLength = new(ContentLengthName, "0"u8.ToArray());

    private readonly H2ServerConnection _connection;
    private readonly HeaderListView _requestHeaders = new();
    private readonly List<HeaderField> _responseHeaders = [];
    private readonly List<HeaderField> _responseTrailers = [];
    private readonly List<HeaderField> _sendList = [];
    private readonly ResponseBodyWriter _writer;
    private readonly RequestBodyReader _bodyReader;
    private readonly ConcurrentQueue<(byte[] Array, int Length)> _chunks = new();
    private readonly Action _onAppCompleted;
    private readonly object _gate = new();
    private Pipe? _bodyPipe;

    private int _streamId;
    private ReadOnlyMemory<byte> _method, _path, _scheme, _authority, _protocol;
    private bool _hasProtocol;
    private string? _methodString, _pathString, _schemeString, _authorityString, _protocolString, _traceIdentifier;
    private long? _contentLength;
    private bool _canHaveBody;
    private long? _maxRequestBodySize;
    private volatile bool _bodyReading;
    private IReadOnlyList<HeaderField>? _requestTrailers;
    private bool _requestBodyDone;
    private int _statusCode = 200;
    private volatile bool _hasStarted;
    private volatile bool _completeRequested;
    private volatile bool _discardResponse;
    private List<(Func<object?, Task> Callback, object? State)>? _onStarting;
    private List<(Func<object?, Task> Callback, object? State)>? _onCompleted;
    private Stream? _requestBodyStream, _responseBodyStream;
    private CancellationTokenSource? _abortCts;
    private volatile bool _aborted;
    private ErrorCode _abortCode;
    private long _unsent;
    private long _credit;
    private int _work;
    internal int Queued;
    private TaskCompletionSource<FlushResult>? _flushWaiter;
    private ValueTask _appTask;

    // Owner-only state.
    private byte[]? _head;
    private int _headLength;
    private int _headOffset;
    private long _bodyReceived;
    internal bool OwnerHeadersSent;
    internal bool OwnerEnded;
    internal bool RemoteEnded;
    internal bool AppDone;
    internal bool Blocked;
    internal int RejectStatus;
    internal long SendRateStart;
    internal long SendRateBytes;
    internal long BodyRateStart;
    internal long BodyRateBytes;

    internal H2ServerRequestContext(H2ServerConnection connection)
    {
        _connection = connection;
        _writer = new ResponseBodyWriter(this);
        _bodyReader = new RequestBodyReader(this);
        _onAppCompleted = () => Post(Work.AppDone);
    }

    [Flags]
    internal enum Work
    {
        None = 0,
        Abort = 1,
        Credit = 2,
        Send = 4,
        AppDone = 8,
    }

    internal bool HasCompletedCallbacks => _onCompleted is not null;

    internal bool IsBodyReading => _bodyReading;

    internal long BodyReceived => _bodyReceived;

    // ---- App side -------------------------------------------------------------------------

    internal void EnqueueChunk(byte[] array, int length)
    {
        if (_discardResponse || _completeRequested)
        {
            ArrayPool<byte>.Shared.Return(array);
            return;
        }
        _chunks.Enqueue((array, length));
        Interlocked.Add(ref _unsent, length);
    }

    internal void MarkBodyReading() => _bodyReading = true;

    internal void AddCredit(long bytes)
    {
        Interlocked.Add(ref _credit, bytes);
        Post(Work.Credit);
    }

    internal ValueTask<FlushResult> FlushBodyAsync(CancellationToken cancellationToken)
    {
        if (_aborted || _discardResponse)
        {
            _writer.Discard();
            return new ValueTask<FlushResult>(new FlushResult(isCanceled: false, isCompleted: true));
        }
        if (!_hasStarted && _onStarting is not null)
        {
            return FlushAfterStartingAsync(cancellationToken);
        }
        _hasStarted = true;
        _writer.Commit();
        Post(Work.Send);
        if (Volatile.Read(ref _unsent) <= _connection.MaxResponseBufferSize)
        {
            return default;
        }
        return WaitForDrainAsync(cancellationToken);
    }

    private async ValueTask<FlushResult> FlushAfterStartingAsync(CancellationToken cancellationToken)
    {
        await StartResponseAsync(cancellationToken).ConfigureAwait(false);
        return await FlushBodyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<FlushResult> WaitForDrainAsync(CancellationToken cancellationToken)
    {
        Task<FlushResult> wait;
        lock (_gate)
        {
            if (Volatile.Read(ref _unsent) <= _connection.MaxResponseBufferSize || _aborted)
            {
                return new FlushResult(isCanceled: false, isCompleted: _aborted);
            }
            _flushWaiter ??= new TaskCompletionSource<FlushResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _flushWaiter.Task;
        }
        if (!cancellationToken.CanBeCanceled)
        {
            return await wait.ConfigureAwait(false);
        }
        using (cancellationToken.UnsafeRegister(static s => ((H2ServerRequestContext)s!).ReleaseFlush(canceled: true), this))
        {
            FlushResult result = await wait.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return result;
        }
    }

    internal void CancelPendingFlush() => ReleaseFlush(canceled: true);

    private void ReleaseFlush(bool canceled)
    {
        TaskCompletionSource<FlushResult>? waiter;
        lock (_gate)
        {
            waiter = _flushWaiter;
            _flushWaiter = null;
        }
        waiter?.TrySetResult(new FlushResult(canceled, isCompleted: _aborted));
    }

    private async Task StartResponseAsync(CancellationToken cancellationToken)
    {
        if (_hasStarted)
        {
            return;
        }
        List<(Func<object?, Task> Callback, object? State)>? callbacks = _onStarting;
        if (callbacks is not null)
        {
            // ASP.NET Core runs OnStarting callbacks last registered first.
            for (int i = callbacks.Count - 1; i >= 0; i--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await callbacks[i].Callback(callbacks[i].State).ConfigureAwait(false);
            }
            _onStarting = null;
        }
        _hasStarted = true;
        Post(Work.Send);
    }

    internal void CompleteFromWriter(Exception? exception)
    {
        if (exception is not null)
        {
            RequestAbort(ErrorCode.InternalError);
            return;
        }
        ValueTask completing = CompleteResponseAsync();
        if (!completing.IsCompletedSuccessfully)
        {
            _ = completing.AsTask(); // OnStarting callbacks are running; they post the completion themselves
        }
    }

    private ValueTask CompleteResponseAsync()
    {
        if (_completeRequested || _aborted || _discardResponse)
        {
            return default;
        }
        if (!_hasStarted && _onStarting is not null)
        {
            return new ValueTask(CompleteAfterStartingAsync());
        }
        _hasStarted = true;
        _writer.Commit();
        _completeRequested = true;
        Post(Work.Send);
        return default;
    }

    private async Task CompleteAfterStartingAsync()
    {
        await StartResponseAsync(CancellationToken.None).ConfigureAwait(false);
        await CompleteResponseAsync().ConfigureAwait(false);
    }

    private CancellationToken AbortToken()
    {
        lock (_gate)
        {
            if (_aborted)
            {
                return new CancellationToken(canceled: true);
            }
            _abortCts ??= new CancellationTokenSource();
            return _abortCts.Token;
        }
    }

    private void RequestAbort(ErrorCode errorCode)
    {
        if (_aborted)
        {
            return;
        }
        _abortCode = errorCode;
        SignalAborted();
        Post(Work.Abort);
    }

    /// <summary>Marks the request aborted and cancels RequestAborted on a pool thread (its callbacks are the app's code, not the owner's).</summary>
    private void SignalAborted()
    {
        CancellationTokenSource? cts;
        lock (_gate)
        {
            _aborted = true;
            cts = _abortCts;
        }
        if (cts is not null)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static c => c.Cancel(), cts, preferLocal: false);
        }
        ReleaseFlush(canceled: false);
    }

    /// <summary>Runs <paramref name="work"/> now when on the owner's thread, otherwise hands it to the owner.</summary>
    private void Post(Work work)
    {
        if (_connection.IsOwnerThread)
        {
            OwnerRun(work);
            return;
        }
        Interlocked.Or(ref _work, (int)work);
        if (Interlocked.CompareExchange(ref Queued, 1, 0) == 0)
        {
            _connection.Enqueue(this);
        }
    }

    private static string Decode(ReadOnlyMemory<byte> bytes) => bytes.IsEmpty ? "" : Encoding.UTF8.GetString(bytes.Span);

    private static string? FindHeader(HeaderListView fields, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (int i = 0; i < fields.Count; i++)
        {
            HeaderField field = fields[i];
            if (Ascii.EqualsIgnoreCase(field.Name.Span, name))
            {
                return field.ValueString;
            }
        }
        return null;
    }

    // ---- Owner side -----------------------------------------------------------------------

    /// <summary>Takes the posted work (the owner drains its queue with this).</summary>
    internal void OwnerDrain()
    {
        Volatile.Write(ref Queued, 0);
        var work = (Work)Interlocked.Exchange(ref _work, 0);
        if (work != Work.None)
        {
            OwnerRun(work);
        }
    }

    internal void Begin(RequestReceived request, H2ServerLimits limits)
    {
        _streamId = request.StreamId;
        IReadOnlyList<HeaderField> fields = request.Headers;
        int i = 0;
        ReadOnlyMemory<byte> host = default;
        for (; i < fields.Count; i++)
        {
            HeaderField field = fields[i];
            ReadOnlySpan<byte> name = field.Name.Span;
            if (name.IsEmpty || name[0] != (byte)':')
            {
                break;
            }
            if (name.SequenceEqual(MethodName)) { _method = field.Value; }
            else if (name.SequenceEqual(PathName)) { _path = field.Value; }
            else if (name.SequenceEqual(SchemeName)) { _scheme = field.Value; }
            else if (name.SequenceEqual(AuthorityName)) { _authority = field.Value; }
            else if (name.SequenceEqual(ProtocolName)) { _protocol = field.Value; _hasProtocol = true; }
        }
        _requestHeaders.Set(fields, i);
        for (int j = i; j < fields.Count; j++)
        {
            HeaderField field = fields[j];
            if (field.Name.Length + field.Value.Length > limits.MaxRequestHeaderFieldSize)
            {
                RejectStatus = 431; // Request Header Fields Too Large (RFC 6585 section 5)
            }
            ReadOnlySpan<byte> name = field.Name.Span;
            if (name.Length == ContentLengthName.Length && name.SequenceEqual(ContentLengthName)
                && Utf8Parser.TryParse(field.Value.Span, out long length, out int used) && used == field.Value.Length)
            {
                _contentLength = length;
            }
            else if (host.IsEmpty && name.SequenceEqual(HostName))
            {
                host = field.Value;
            }
        }
        if (_authority.IsEmpty)
        {
            _authority = host;
        }
        _maxRequestBodySize = limits.MaxRequestBodySize;
        _canHaveBody = request.StreamEnded is null;
        RemoteEnded = !_canHaveBody;
        _requestBodyDone = RemoteEnded;
        if (_canHaveBody)
        {
            _bodyPipe ??= new Pipe(new PipeOptions(
                readerScheduler: PipeScheduler.ThreadPool, writerScheduler: PipeScheduler.Inline,
                pauseWriterThreshold: 0, useSynchronizationContext: false));
            _bodyReader.Attach(_bodyPipe.Reader);
            // RFC 9110 section 15.5.14: 413 when the declared body is larger than the server accepts.
            if (_contentLength > _maxRequestBodySize)
            {
                RejectStatus = 413;
            }
        }
    }

    internal void SetAppTask(ValueTask task)
    {
        _appTask = task;
        if (!task.IsCompleted)
        {
            task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_onAppCompleted);
        }
    }

    internal void OwnerRun(Work work)
    {
        if ((work & Work.Abort) != 0)
        {
            OwnerAbort(_abortCode);
        }
        if ((work & Work.Credit) != 0)
        {
            OwnerCredit();
        }
        if ((work & Work.Send) != 0)
        {
            OwnerSend();
        }
        if ((work & Work.AppDone) != 0)
        {
            OwnerAppDone();
        }
    }

    /// <summary>Answers a request the server will not give to the app (431, 413) and resets the rest of it.</summary>
    internal void OwnerReject()
    {
        _statusCode = RejectStatus;
        _responseHeaders.Clear();
        _responseHeaders.Add(ZeroLength);
        _discardResponse = true;
        _bodyPipe?.Writer.Complete(new H2BadRequestException("The request was rejected by a server limit.", RejectStatus));
        OwnerSendHeadersOnly();
        AppDone = true;
        TryRetire();
    }

    internal void OwnerReceiveData(DataReceived data)
    {
        int padding = data.FlowControlledLength - data.Length;
        if (padding > 0)
        {
            _connection.Credit(padding, _streamId);
        }
        if (RemoteEnded || _bodyPipe is null)
        {
            _connection.Credit(data.Length, _streamId);
            return;
        }
        _bodyReceived += data.Length;
        if (_bodyReceived > _maxRequestBodySize)
        {
            _connection.Credit(data.Length, _streamId);
            OwnerBodyTooLarge();
            return;
        }
        if (!(data.Length == 0))
        {
            PipeWriter writer = _bodyPipe.Writer;
            writer.Write(data.Span);
            ValueTask<FlushResult> flush = writer.FlushAsync();
            if (flush.IsCompletedSuccessfully && flush.Result.IsCompleted)
            {
                // The app completed the reader: nobody will consume, so give the window back now.
                _connection.Credit(data.Length, _streamId);
            }
        }
        if (data.StreamEnded is not null)
        {
            OwnerRemoteEnded();
        }
    }

    internal void OwnerTrailers(TrailersReceived trailers)
    {
        Volatile.Write(ref _requestTrailers, trailers.Headers);
        OwnerRemoteEnded();
    }

    internal void OwnerRemoteEnded()
    {
        if (RemoteEnded)
        {
            return;
        }
        RemoteEnded = true;
        Volatile.Write(ref _requestBodyDone, true);
        _bodyPipe?.Writer.Complete();
        TryRetire();
    }

    /// <summary>RFC 9110 section 15.5.14 (413): too much body. A response not yet started becomes 413; otherwise the stream is reset.</summary>
    private void OwnerBodyTooLarge()
    {
        _connection.Metrics.BodyTooLarge();
        _bodyPipe?.Writer.Complete(new H2BadRequestException(
            "The request body is larger than MaxRequestBodySize; raise H2ServerLimits.MaxRequestBodySize or the request's MaxRequestBodySize.", 413));
        RemoteEnded = true;
        if (!_hasStarted && !OwnerHeadersSent)
        {
            _hasStarted = true;
            _discardResponse = true;
            _statusCode = 413;
            _responseHeaders.Clear();
            _responseHeaders.Add(ZeroLength);
            OwnerSendHeadersOnly();
            // RFC 9113 section 8.1: after a complete response a server "MAY request that the
            // client abort transmission of a request without error by sending a RST_STREAM
            // with an error code of NO_ERROR".
            _connection.TryReset(_streamId, ErrorCode.NoError);
            DropChunks();
            TryRetire();
        }
        else
        {
            OwnerAbort(ErrorCode.Cancel);
        }
    }

    /// <summary>The minimum request body rate was missed (408).</summary>
    internal void OwnerBodyTooSlow()
    {
        _bodyPipe?.Writer.Complete(new H2BadRequestException("The request body arrived below MinRequestBodyDataRate.", 408));
        RemoteEnded = true;
        OwnerAbort(ErrorCode.Cancel);
    }

    internal void OwnerReset()
    {
        OwnerEnded = true;
        RemoteEnded = true;
        _bodyPipe?.Writer.Complete(new OperationCanceledException("The client reset the stream."));
        SignalAborted();
        DropChunks();
        TryRetire();
    }

    internal void OwnerConnectionClosed()
    {
        OwnerEnded = true;
        RemoteEnded = true;
        _bodyPipe?.Writer.Complete(new IOException("The connection closed."));
        SignalAborted();
        DropChunks();
    }

    internal void OwnerAbort(ErrorCode code)
    {
        if (!_aborted)
        {
            SignalAborted();
        }
        if (!OwnerEnded || !RemoteEnded)
        {
            _connection.TryReset(_streamId, code);
        }
        OwnerEnded = true;
        RemoteEnded = true;
        _bodyPipe?.Writer.Complete(new OperationCanceledException("The stream was reset."));
        DropChunks();
        TryRetire();
    }

    private void OwnerCredit()
    {
        long credit = Interlocked.Exchange(ref _credit, 0);
        while (credit > 0)
        {
            int part = (int)Math.Min(credit, int.MaxValue);
            _connection.Credit(part, _streamId);
            credit -= part;
        }
    }

    private void OwnerSendHeadersOnly()
    {
        _sendList.Clear();
        _sendList.Add(KnownValues.Status(_statusCode));
        _sendList.AddRange(_responseHeaders);
        _connection.SendHeaders(_streamId, _sendList, endStream: true);
        OwnerHeadersSent = true;
        OwnerEnded = true;
    }

    /// <summary>Sends what the app handed over: headers once, then body as the windows allow, then trailers or END_STREAM.</summary>
    internal void OwnerSend()
    {
        if (OwnerEnded)
        {
            DropChunks();
            return;
        }
        if (!_hasStarted)
        {
            return;
        }
        bool complete = _completeRequested;
        bool trailers = complete && _responseTrailers.Count > 0;
        if (!OwnerHeadersSent)
        {
            bool endNow = complete && _head is null && _chunks.IsEmpty && !trailers;
            _sendList.Clear();
            _sendList.Add(KnownValues.Status(_statusCode));
            _sendList.AddRange(_responseHeaders);
            if (!_connection.SendHeaders(_streamId, _sendList, endNow))
            {
                OwnerEnded = true;
                DropChunks();
                TryRetire();
                return;
            }
            OwnerHeadersSent = true;
            if (endNow)
            {
                OwnerEnded = true;
                TryRetire();
                return;
            }
        }
        // The chunk being sent is taken out of the queue (not peeked at: a peek pins the queue's
        // segment, and the next request's first chunk would then allocate a new one).
        while (true)
        {
            if (_head is null)
            {
                if (!_chunks.TryDequeue(out (byte[] Array, int Length) next))
                {
                    break;
                }
                _head = next.Array;
                _headLength = next.Length;
            }
            byte[] head = _head;
            int remaining = _headLength - _headOffset;
            bool last = complete && !trailers && _chunks.IsEmpty;
            int sent = _connection.SendAvailable(_streamId, head.AsSpan(_headOffset, remaining), last);
            if (sent < 0)
            {
                OwnerEnded = true;
                DropChunks();
                TryRetire();
                return;
            }
            Sent(sent);
            if (sent < remaining)
            {
                _headOffset += sent;
                _connection.MarkBlocked(this);
                return;
            }
            _head = null;
            ArrayPool<byte>.Shared.Return(head);
            _headOffset = 0;
            if (last)
            {
                OwnerEnded = true;
                TryRetire();
                return;
            }
        }
        SendRateStart = 0;
        if (complete)
        {
            if (trailers)
            {
                _connection.SendHeaders(_streamId, _responseTrailers, endStream: true);
            }
            else
            {
                _connection.EndStream(_streamId);
            }
            OwnerEnded = true;
            TryRetire();
        }
    }

    private void Sent(int bytes)
    {
        SendRateBytes += bytes;
        long limit = _connection.MaxResponseBufferSize;
        long after = Interlocked.Add(ref _unsent, -bytes);
        if (after + bytes > limit && after <= limit)
        {
            ReleaseFlush(canceled: false);
        }
    }

    private void DropChunks()
    {
        if (_head is not null)
        {
            ArrayPool<byte>.Shared.Return(_head);
            _head = null;
        }
        while (_chunks.TryDequeue(out (byte[] Array, int Length) chunk))
        {
            ArrayPool<byte>.Shared.Return(chunk.Array);
        }
        _headOffset = 0;
        Interlocked.Exchange(ref _unsent, 0);
    }

    internal void OwnerAppDone()
    {
        if (AppDone)
        {
            return;
        }
        AppDone = true;
        Exception? error = null;
        try
        {
            _appTask.GetAwaiter().GetResult();
        }
#pragma warning disable CA1031 // The app's exception becomes a 500 or a reset; the server must go on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error = e;
        }
        _appTask = default;
        if (error is not null)
        {
            _connection.Log.ApplicationError(_connection.Info.ConnectionId, _streamId, error);
            if (!_hasStarted && !_aborted && !_discardResponse)
            {
                _writer.Discard();
                DropChunks();
                _responseHeaders.Clear();
                _responseTrailers.Clear();
                _responseHeaders.Add(ZeroLength);
                _statusCode = error is H2BadRequestException bad ? bad.StatusCode : 500;
                _hasStarted = true;
                _completeRequested = true;
            }
            else if (!OwnerEnded)
            {
                OwnerAbort(ErrorCode.InternalError);
                return;
            }
        }
        else if (!_completeRequested && !_aborted && !_discardResponse)
        {
            if (!_hasStarted && _onStarting is not null)
            {
                _ = CompleteAfterStartingAsync();
                return;
            }
            _writer.Commit();
            _hasStarted = true;
            _completeRequested = true;
        }
        OwnerSend();
        TryRetire();
    }

    /// <summary>When the app is done and the response is out, the stream is over for the server: reset what the client still sends, free the context.</summary>
    private void TryRetire()
    {
        if (!AppDone || !OwnerEnded || _streamId == 0)
        {
            return;
        }
        if (!RemoteEnded)
        {
            // RFC 9113 section 8.1: the response is complete; stop the rest of the request without error.
            _connection.TryReset(_streamId, ErrorCode.NoError);
            RemoteEnded = true;
            _bodyPipe?.Writer.Complete();
        }
        _connection.Retire(this);
    }

    internal void RunCompletedCallbacks()
    {
        List<(Func<object?, Task> Callback, object? State)>? callbacks = _onCompleted;
        if (callbacks is null)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            for (int i = callbacks.Count - 1; i >= 0; i--)
            {
                try
                {
                    await callbacks[i].Callback(callbacks[i].State).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failing OnCompleted callback is logged; the others still run.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _connection.Log.ApplicationError(_connection.Info.ConnectionId, _streamId, e);
                }
            }
        });
    }

    /// <summary>Makes the context ready for the next request of the connection.</summary>
    internal void Recycle()
    {
        _streamId = 0;
        _method = _path = _scheme = _authority = _protocol = default;
        _hasProtocol = false;
        _methodString = _pathString = _schemeString = _authorityString = _protocolString = _traceIdentifier = null;
        _contentLength = null;
        _canHaveBody = false;
        _bodyReading = false;
        _requestTrailers = null;
        _requestBodyDone = false;
        _statusCode = 200;
        _hasStarted = false;
        _completeRequested = false;
        _discardResponse = false;
        _onStarting = null;
        _onCompleted = null;
        _requestBodyStream = null;
        _responseBodyStream = null;
        _requestHeaders.Clear();
        _responseHeaders.Clear();
        _responseTrailers.Clear();
        _writer.Discard();
        DropChunks();
        if (_bodyPipe is not null)
        {
            _bodyPipe.Writer.Complete();
            _bodyPipe.Reader.Complete();
            _bodyPipe.Reset();
        }
        lock (_gate)
        {
            if (_abortCts is not null && (_aborted || !_abortCts.TryReset()))
            {
                _abortCts = null; // a cancellation may still be running on a pool thread: let it have this one
            }
            _aborted = false;
        }
        _flushWaiter = null;
        _credit = 0;
        _work = 0;
        _bodyReceived = 0;
        OwnerHeadersSent = OwnerEnded = RemoteEnded = AppDone = Blocked = false;
        RejectStatus = 0;
        SendRateStart = SendRateBytes = BodyRateStart = BodyRateBytes = 0;
    }
}
