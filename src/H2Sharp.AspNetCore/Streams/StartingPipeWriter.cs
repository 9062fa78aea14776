using System;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.AspNetCore;

/// <summary>
/// The response body writer the app gets: the server's writer, except that the first flush (the
/// moment the server starts the response) first hands the app's headers to the server. One per
/// pooled feature object, so starting a response costs no callback registration and no allocation.
/// </summary>
internal sealed class StartingPipeWriter(IResponseStarter starter) : PipeWriter
{
    private PipeWriter? _inner;

    /// <summary>Points the writer at the current request's server writer.</summary>
    public void Reset(PipeWriter inner) => _inner = inner;

    private PipeWriter Inner => _inner ?? throw new ObjectDisposedException(nameof(PipeWriter), "The request has completed; its response body must not be used any more.");

    /// <inheritdoc />
    public override bool CanGetUnflushedBytes => Inner.CanGetUnflushedBytes;

    /// <inheritdoc />
    public override long UnflushedBytes => Inner.UnflushedBytes;

    /// <inheritdoc />
    public override void Advance(int bytes) => Inner.Advance(bytes);

    /// <inheritdoc />
    public override Memory<byte> GetMemory(int sizeHint = 0) => Inner.GetMemory(sizeHint);

    /// <inheritdoc />
    public override Span<byte> GetSpan(int sizeHint = 0) => Inner.GetSpan(sizeHint);

    /// <inheritdoc />
    public override void CancelPendingFlush() => Inner.CancelPendingFlush();

    /// <inheritdoc />
    public override void Complete(Exception? exception = null)
    {
        PipeWriter inner = Inner;
        starter.BeforeStart();
        inner.Complete(exception);
    }

    /// <inheritdoc />
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        PipeWriter inner = Inner;
        starter.BeforeStart();
        return inner.FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        PipeWriter inner = Inner;
        starter.BeforeStart();
        return inner.WriteAsync(source, cancellationToken);
    }
}
