using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Server;

/// <summary>
/// The response body as a <see cref="PipeWriter"/>. The app fills pooled arrays; a flush hands
/// the filled arrays to the connection's owner, which frames them as the flow-control windows
/// allow and gives them back to the pool. Nothing is copied between the app and the socket
/// buffer but the one copy the core makes into its frames.
/// </summary>
internal sealed class ResponseBodyWriter(H2ServerRequestContext context) : PipeWriter
{
    // Large enough for a small response and a frame's worth of a large one in one array.
    private const int MinimumChunkSize = 4096;

    private byte[]? _chunk;
    private int _written;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _written;

    public override void Advance(int bytes)
    {
        if (bytes < 0 || _chunk is null && bytes > 0 || _chunk is not null && _written + bytes > _chunk.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "Advance past the memory GetMemory/GetSpan returned.");
        }
        _written += bytes;
    }

    public override Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk.AsMemory(_written);
    }

    public override Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _chunk.AsSpan(_written);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        context.FlushBodyAsync(cancellationToken);

    public override void CancelPendingFlush() => context.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => context.CompleteFromWriter(exception);

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Complete(exception);
        return ValueTask.CompletedTask;
    }

    /// <summary>Hands what was written to the context's queue for the owner; the writer starts a new array next time.</summary>
    internal void Commit()
    {
        if (_chunk is null)
        {
            return;
        }
        if (_written > 0)
        {
            context.EnqueueChunk(_chunk, _written);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(_chunk);
        }
        _chunk = null;
        _written = 0;
    }

    /// <summary>Drops what was written and not flushed (the response was given up).</summary>
    internal void Discard()
    {
        if (_chunk is not null)
        {
            ArrayPool<byte>.Shared.Return(_chunk);
        }
        _chunk = null;
        _written = 0;
    }

    private void Ensure(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        int need = Math.Max(sizeHint, 1);
        if (_chunk is not null && _chunk.Length - _written >= need)
        {
            return;
        }
        Commit();
        _chunk = ArrayPool<byte>.Shared.Rent(Math.Max(need, MinimumChunkSize));
        _written = 0;
    }
}
