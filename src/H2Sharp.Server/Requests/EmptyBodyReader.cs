using System;
using System.Buffers;
using System.IO.Pipelines;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Server;

/// <summary>The body of a request whose HEADERS ended the stream: always complete, always empty, shared.</summary>
internal sealed class EmptyBodyReader : PipeReader
{
    public static readonly EmptyBodyReader Instance = new();

    private static readonly ReadResult Done = new(ReadOnlySequence<byte>.Empty, isCanceled: false, isCompleted: true);

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) => new(Done);

    public override bool TryRead(out ReadResult result)
    {
        result = Done;
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed)
    {
    }

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
    }

    public override void CancelPendingRead()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }
}
