using H2Sharp;

namespace Client;

/// <summary>A response as it arrives on one stream: headers, body, then completion.</summary>
internal sealed class PendingResponse(int streamId)
{
    public int StreamId { get; } = streamId;

    public IReadOnlyList<HeaderField> Headers { get; set; } = [];

    public MemoryStream Body { get; } = new();

    /// <summary>Completes when the server ends the stream; fails if it resets it or hangs up.</summary>
    public TaskCompletionSource<PendingResponse> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
