using System;

namespace H2Sharp.Frames;

/// <summary>
/// Argument checks and total sizes (header included) for <see cref="FrameWriter"/>. The writer
/// checks only that values fit the wire format; protocol rules (stream 0 or not, increments
/// of 0) are the connection's, which also lets tests produce malformed frames on purpose.
/// </summary>
internal static class FrameSizes
{
    public static int Data(int streamId, int dataLength, int? padLength) =>
        Total(streamId, Padded(padLength) + (long)dataLength, "data", "Send the data over several DATA frames.");

    public static int Headers(int streamId, int fragmentLength, PriorityInfo? priority, int? padLength)
    {
        if (priority is PriorityInfo p)
        {
            CheckPriority(p);
        }

        long length = Padded(padLength) + (priority is null ? 0 : PriorityInfo.Size) + (long)fragmentLength;
        return Total(streamId, length, "fragment", "Send the rest of the field block in CONTINUATION frames.");
    }

    public static int Priority(int streamId, PriorityInfo priority)
    {
        CheckPriority(priority);
        return Total(streamId, PriorityInfo.Size, nameof(priority), "");
    }

    public static int Fixed(int streamId, int payloadLength) => Total(streamId, payloadLength, "payload", "");

    public static int Settings(int count) =>
        Total(0, (long)count * Setting.Size, "settings", "Send fewer settings per frame.");

    public static int PushPromise(int streamId, int promisedStreamId, int fragmentLength, int? padLength)
    {
        CheckStreamId(promisedStreamId, nameof(promisedStreamId));
        return Total(streamId, Padded(padLength) + 4L + fragmentLength, "fragment", "Send the rest of the field block in CONTINUATION frames.");
    }

    public static int GoAway(int lastStreamId, int debugLength)
    {
        CheckStreamId(lastStreamId, nameof(lastStreamId));
        return Total(0, 8L + debugLength, "debugData", "Send less debug data.");
    }

    public static int WindowUpdate(int streamId, int increment)
    {
        if (increment < 0)
        {
            throw OutOfRange(nameof(increment), increment, "A window size increment is a 31-bit number: use 1 to 2,147,483,647.");
        }

        return Total(streamId, 4, nameof(increment), "");
    }

    public static int AltSvc(int streamId, int originLength, int valueLength)
    {
        if (originLength > ushort.MaxValue)
        {
            throw OutOfRange("origin", originLength, "An ALTSVC origin is at most 65,535 octets (16-bit Origin-Len); pass a shorter origin.");
        }

        return Total(streamId, 2L + originLength + valueLength, "fieldValue", "Send a shorter Alt-Svc value.");
    }

    public static int PriorityUpdate(int prioritizedStreamId, int valueLength)
    {
        CheckStreamId(prioritizedStreamId, nameof(prioritizedStreamId));
        return Total(0, 4L + valueLength, "fieldValue", "Send a shorter priority field value.");
    }

    public static int Unknown(int streamId, int payloadLength) =>
        Total(streamId, payloadLength, "payload", "Send a shorter payload.");

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
    private static ArgumentOutOfRangeException OutOfRange(string paramName, object value, string message) => new(paramName, value, message);

    private static int Padded(int? padLength)
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

    private static void CheckPriority(PriorityInfo priority)
    {
        if (priority.Weight is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority.Weight, "A priority weight must be 1 to 256 (the wire carries weight - 1); use 16 for the default.");
        }

        CheckStreamId(priority.StreamDependency, nameof(priority));
    }

    private static int Total(int streamId, long payloadLength, string paramName, string advice)
    {
        CheckStreamId(streamId, nameof(streamId));
        if (payloadLength > FrameHeader.MaxLength)
        {
            throw new ArgumentOutOfRangeException(paramName, payloadLength, $"The frame payload would be {payloadLength} octets, over the 16,777,215 the 24-bit length allows. {advice}");
        }

        return FrameHeader.Size + (int)payloadLength;
    }
}
