using System;
using System.Buffers.Binary;
using System.Globalization;

namespace H2Sharp.Frames;

/// <summary>
/// An ALTSVC frame (RFC 7838 section 4, type 0xa), a view over the payload without copying.
/// Valid on any stream id here; which combinations of stream id and origin to ignore is the
/// connection's concern.
/// </summary>
public readonly ref struct AltSvcFrame
{
    private AltSvcFrame(int streamId, ReadOnlySpan<byte> origin, ReadOnlySpan<byte> fieldValue)
    {
        StreamId = streamId;
        Origin = origin;
        FieldValue = fieldValue;
    }

    /// <summary>The stream whose origin the service applies to, or 0 when <see cref="Origin"/> names it.</summary>
    public int StreamId { get; }

    /// <summary>The ASCII origin (RFC 6454); empty when the frame is on a stream.</summary>
    public ReadOnlySpan<byte> Origin { get; }

    /// <summary>The Alt-Svc field value (RFC 7838 section 3).</summary>
    public ReadOnlySpan<byte> FieldValue { get; }

    /// <summary>Reads and validates an ALTSVC frame.</summary>
    /// <param name="header">The frame header; its type must be <see cref="FrameType.AltSvc"/>.</param>
    /// <param name="payload">The payload, <c>header.Length</c> octets.</param>
    /// <returns>The frame, a view over <paramref name="payload"/>.</returns>
    /// <exception cref="FrameDataMissingException">Fewer than 2 octets, or an origin length past the end (FRAME_SIZE_ERROR).</exception>
    /// <exception cref="ArgumentException">The header is not an ALTSVC header or does not match the payload.</exception>
    public static AltSvcFrame Parse(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FrameChecks.CheckCall(header, FrameType.AltSvc, payload);
        // RFC 7838 section 4: "Origin-Len: An unsigned, 16-bit integer indicating the length, in
        // octets, of the Origin field." RFC 9113 section 4.2: FRAME_SIZE_ERROR if a frame "is
        // too small to contain mandatory frame data".
        if (payload.Length < 2)
        {
            throw FrameChecks.TooShort(header, 2);
        }

        int originLength = BinaryPrimitives.ReadUInt16BigEndian(payload);
        if (originLength > payload.Length - 2)
        {
            throw FrameChecks.TooShort(header, 2 + originLength);
        }

        // RFC 7838 section 4: "Alt-Svc-Field-Value: A sequence of octets (length determined by
        // subtracting the length of all preceding fields from the frame length)".
        return new AltSvcFrame(header.StreamId, payload.Slice(2, originLength), payload.Slice(2 + originLength));
    }

    /// <summary>The whole frame's size, header included, once each value is checked to fit its field (what <see cref="FrameWriter"/> checks).</summary>
    internal static int Size(int streamId, int originLength, int valueLength)
    {
        if (originLength > ushort.MaxValue)
        {
            throw FrameSizes.OutOfRange("origin", originLength, "An ALTSVC origin is at most 65,535 octets (16-bit Origin-Len); pass a shorter origin.");
        }

        return FrameSizes.Total(streamId, 2L + originLength + valueLength, "fieldValue", "Send a shorter Alt-Svc value.");
    }

    /// <summary>Writes the whole frame into <paramref name="destination"/>; the public entry is <see cref="FrameWriter.WriteAltSvc(Span{byte}, int, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    internal static int Write(Span<byte> destination, int streamId, ReadOnlySpan<byte> origin, ReadOnlySpan<byte> fieldValue)
    {
        int size = Size(streamId, origin.Length, fieldValue.Length);
        FrameSizes.CheckDestination(destination, size);
        new FrameHeader(size - FrameHeader.Size, FrameType.AltSvc, FrameFlags.None, streamId).Write(destination);
        Span<byte> body = destination.Slice(FrameHeader.Size);
        BinaryPrimitives.WriteUInt16BigEndian(body, (ushort)origin.Length);
        origin.CopyTo(body.Slice(2));
        fieldValue.CopyTo(body.Slice(2 + origin.Length));
        return size;
    }

    /// <summary>Describes the frame for logs.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ALTSVC stream={StreamId} origin=\"{FrameText.Ascii(Origin)}\" value=\"{FrameText.Ascii(FieldValue)}\"");
}
