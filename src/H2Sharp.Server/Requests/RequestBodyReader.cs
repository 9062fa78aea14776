using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Server;

/// <summary>
/// The request body as a <see cref="PipeReader"/> over the pipe the owner fills from DATA
/// frames. What the app consumes (AdvanceTo) is given back to the client as flow-control
/// credit, so the window, not the server, bounds what an unread body can hold.
/// </summary>
internal sealed class RequestBodyReader(H2ServerRequestContext context) : PipeReader
{
    private PipeReader _inner = null!;
    private ReadOnlySequence<byte> _last;

    internal void Attach(PipeReader inner)
    {
        _inner = inner;
        _last = default;
    }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        context.MarkBodyReading();
        ValueTask<ReadResult> read = _inner.ReadAsync(cancellationToken);
        if (read.IsCompletedSuccessfully)
        {
            ReadResult result = read.Result;
            _last = result.Buffer;
            return new ValueTask<ReadResult>(result);
        }
        return Slow(read);
    }

    public override bool TryRead(out ReadResult result)
    {
        context.MarkBodyReading();
        if (_inner.TryRead(out result))
        {
            _last = result.Buffer;
            return true;
        }
        return false;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        long used = _last.Slice(0, consumed).Length;
        _last = default;
        _inner.AdvanceTo(consumed, examined);
        if (used > 0)
        {
            context.AddCredit(used);
        }
    }

    public override void CancelPendingRead() => _inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => _inner.Complete(exception);

    private async ValueTask<ReadResult> Slow(ValueTask<ReadResult> read)
    {
        ReadResult result = await read.ConfigureAwait(false);
        _last = result.Buffer;
        return result;
    }
}
