using System;

namespace H2Sharp.Frames;

/// <summary>
/// The argument checks every frame's <c>Size</c> shares (each frame type's own size and write sit
/// next to its parse, in its own file), for <see cref="FrameWriter"/>. The writer
/// checks only that values fit the wire format; protocol rules (stream 0 or not, increments
/// of 0) are the connection's, which also lets tests produce malformed frames on purpose.
/// </summary>
internal static class FrameSizes
{
    public static int Fixed(int streamId, int payloadLength) => Total(streamId, payloadLength, "payload", "");

    public static void CheckStreamId(int streamId, string paramName)
    {
        if (streamId < 0)
        {
            throw new ArgumentOutOfRangeException(paramName, streamId, "Stream ids are 31-bit numbers: use 0 to 2,147,483,647.");
        }
    }

    /// <summary>Throws unless <paramref name="destination"/> can hold <paramref name="size"/> octets.</summary>
    public static void CheckDestination(Span<byte> destination, int size)
    {
        if (destination.Length < size)
        {
            throw new ArgumentException($"The frame needs {size} octets but the destination has {destination.Length}; pass a larger destination.", nameof(destination));
        }
    }

    /// <summary>Builds the exception for a public parameter whose name differs from this helper's.</summary>
    public static ArgumentOutOfRangeException OutOfRange(string paramName, object value, string message) => new(paramName, value, message);

    public static int Padded(int? padLength)
    {
        if (padLength is not int pad)
        {
            return 0;
        }

        if ((uint)pad > byte.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(padLength), pad, "Pad Length is one octet: use 0 to 255, or null for no padding.");
        }

        return 1 + pad;
    }

    public static void CheckPriority(PriorityInfo priority)
    {
        if (priority.Weight is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority.Weight, "A priority weight must be 1 to 256 (the wire carries weight - 1); use 16 for the default.");
        }

        CheckStreamId(priority.StreamDependency, nameof(priority));
    }

    public static int Total(int streamId, long payloadLength, string paramName, string advice)
    {
        CheckStreamId(streamId, nameof(streamId));
        if (payloadLength > FrameHeader.MaxLength)
        {
            throw new ArgumentOutOfRangeException(paramName, payloadLength, $"The frame payload would be {payloadLength} octets, over the 16,777,215 the 24-bit length allows. {advice}");
        }

        return FrameHeader.Size + (int)payloadLength;
    }
}
