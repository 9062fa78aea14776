using System;
using System.Buffers;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using H2Sharp.Http.Connections;

namespace H2Sharp.Http.Streams;

/// <summary>
/// A response body as it arrives: the connection's loop appends DATA into a pooled buffer,
/// the caller reads it out. Stream-level flow-control credit goes back to the server only as
/// the caller reads, so a slow reader holds the server to the stream window
/// (<see cref="H2SharpHandler.InitialHttp2StreamWindowSize"/>), which also bounds the buffer.
/// For an extended CONNECT (WebSocket) the stream is also writable: writes go out as DATA.
/// </summary>
/// <remarks>
/// The loop and the reader share the buffer under a lock on this object: at most two threads,
/// held for one copy. One reader at a time (the Stream contract).
/// </remarks>
internal sealed class Http2ResponseStream : Stream, IValueTaskSource<bool>
{
    /// <summary>Smallest buffer rented: a typical small body fits, larger ones grow it.</summary>
    private const int MinBufferSize = 4096;

    private readonly Http2Exchange _exchange;
    private readonly bool _duplex;
    private readonly int _creditThreshold;
    private ManualResetValueTaskSourceCore<bool> _wait = new() { RunContinuationsAsynchronously = true };
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private int _unreturnedCredit;
    private bool _ended;
    private bool _readerWaiting;
    private bool _disposed;
    private Exception? _error;

    public Http2ResponseStream(Http2Exchange exchange, bool duplex, int streamWindow)
    {
        _exchange = exchange;
        _duplex = duplex;
        // A quarter of the window: few WINDOW_UPDATEs, and the server never waits on a reader that keeps up.
        _creditThreshold = Math.Max(streamWindow / 4, 1);
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => _duplex && !_disposed;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Loop: appends a DATA payload. False if nobody will read it (the caller disposed the stream).</summary>
    public bool Append(ReadOnlySpan<byte> data)
    {
        bool wake;
        lock (this)
        {
            if (_disposed || _ended)
            {
                return false;
            }

            int live = _end - _start;
            if (_buffer is null || _buffer.Length - _end < data.Length)
            {
                byte[]? old = _buffer;
                if (old is not null && old.Length - live >= data.Length)
                {
                    old.AsSpan(_start, live).CopyTo(old);
                }
                else
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(MinBufferSize, live + data.Length), (old?.Length ?? 0) * 2));
                    if (old is not null)
                    {
                        old.AsSpan(_start, live).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(old);
                    }

                    _buffer = bigger;
                }

                _start = 0;
                _end = live;
            }

            data.CopyTo(_buffer.AsSpan(_end));
            _end += data.Length;
            wake = _readerWaiting;
            _readerWaiting = false;
        }

        if (wake)
        {
            _wait.SetResult(true);
        }

        return true;
    }

    /// <summary>Loop (or failure): no more data; <paramref name="error"/> is thrown to the reader once the buffer is drained.</summary>
    public void Complete(Exception? error)
    {
        bool wake;
        lock (this)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            _error = error;
            wake = _readerWaiting;
            _readerWaiting = false;
        }

        if (wake)
        {
            _wait.SetResult(true);
        }
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return Read(buffer.AsSpan(offset, count));
    }

    public override int Read(Span<byte> buffer)
    {
        byte[] rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            ValueTask<int> read = ReadAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None);
            int n = read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int credit = 0;
            int copied;
            short token = 0;
            lock (this)
            {
                int live = _end - _start;
                if (live > 0)
                {
                    copied = Math.Min(live, buffer.Length);
                    _buffer.AsSpan(_start, copied).CopyTo(buffer.Span);
                    _start += copied;
                    if (_start == _end)
                    {
                        _start = _end = 0;
                    }

                    if (!_ended)
                    {
                        _unreturnedCredit += copied;
                        if (_unreturnedCredit >= _creditThreshold)
                        {
                            credit = _unreturnedCredit;
                            _unreturnedCredit = 0;
                        }
                    }
                }
                else if (_ended)
                {
                    ReleaseBuffer();
                    if (_error is not null)
                    {
                        throw _error;
                    }

                    return 0;
                }
                else
                {
                    copied = -1;
                    _wait.Reset();
                    token = _wait.Version;
                    _readerWaiting = true;
                }
            }

            if (copied >= 0)
            {
                if (credit > 0)
                {
                    _exchange.ReturnCredit(credit);
                }

                return copied;
            }

            if (cancellationToken.CanBeCanceled)
            {
                using (cancellationToken.UnsafeRegister(static s => ((Http2ResponseStream)s!).WakeForCancel(), this))
                {
                    await new ValueTask<bool>(this, token).ConfigureAwait(false);
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    // Sockets' behaviour: cancelling a body read cancels the request (RST_STREAM CANCEL).
                    _exchange.Abort();
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            else
            {
                await new ValueTask<bool>(this, token).ConfigureAwait(false);
            }
        }
    }

    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_duplex)
        {
            throw new NotSupportedException("A response body is read-only; only an extended CONNECT (WebSocket) stream can be written.");
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        return _exchange.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            bool abort;
            lock (this)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                abort = !_ended || _duplex;
                _ended = true;
                ReleaseBuffer();
            }

            if (abort)
            {
                // Disposing before the end: nobody will read the rest (Sockets resets the stream too).
                // A duplex stream ends its sending side; the exchange decides between END_STREAM and RST_STREAM.
                _exchange.OnBodyDisposed(_duplex);
            }
        }

        base.Dispose(disposing);
    }

    private void WakeForCancel()
    {
        bool wake;
        lock (this)
        {
            wake = _readerWaiting;
            _readerWaiting = false;
        }

        if (wake)
        {
            _wait.SetResult(true);
        }
    }

    private void ReleaseBuffer()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _start = _end = 0;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _wait.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _wait.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wait.OnCompleted(continuation, state, token, flags);
}
