using System;
using System.Buffers;
using H2Sharp.Frames;

namespace H2Sharp;

/// <summary>
/// Splits an HPACK-encoded field block into frames of the peer's frame size: the sender writes
/// the first fragment in its HEADERS or PUSH_PROMISE frame, this writes the CONTINUATION tail.
/// </summary>
internal static class HeaderBlockFramer
{
    /// <summary>How much of a block of <paramref name="blockLength"/> octets fits in the first frame.</summary>
    /// <param name="blockLength">The encoded block's length.</param>
    /// <param name="maxFrameSize">The peer's SETTINGS_MAX_FRAME_SIZE.</param>
    /// <param name="fixedFields">Octets the first frame's own fields take (priority, promised id).</param>
    public static int FirstFragmentLength(int blockLength, int maxFrameSize, int fixedFields)
        => Math.Min(blockLength, maxFrameSize - fixedFields);

    /// <summary>Writes what the first frame left of the block as CONTINUATION frames, the last with END_HEADERS.</summary>
    /// <param name="output">Where the frames go.</param>
    /// <param name="streamId">The stream the first frame was sent on.</param>
    /// <param name="rest">The block after the first fragment; empty writes nothing.</param>
    /// <param name="maxFrameSize">The peer's SETTINGS_MAX_FRAME_SIZE.</param>
    public static void WriteContinuations(IBufferWriter<byte> output, int streamId, ReadOnlySpan<byte> rest, int maxFrameSize)
    {
        // RFC 9113 4.3: a complete field section is "a HEADERS or PUSH_PROMISE frame with the
        // END_HEADERS flag unset and one or more CONTINUATION frames, where the last CONTINUATION
        // frame has the END_HEADERS flag set."
        while (!rest.IsEmpty)
        {
            int n = Math.Min(rest.Length, maxFrameSize);
            FrameWriter.WriteContinuation(output, streamId, rest[..n], endHeaders: n == rest.Length);
            rest = rest[n..];
        }
    }
}
