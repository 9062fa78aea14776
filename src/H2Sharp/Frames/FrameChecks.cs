using System;

namespace H2Sharp.Frames;

/// <summary>Checks shared by the typed frames' <c>Parse</c> methods. Callers quote the RFC rule.</summary>
internal static class FrameChecks
{
    /// <summary>The caller handed a frame to the wrong parser, or a payload that does not match the header.</summary>
    public static void CheckCall(in FrameHeader header, FrameType expected, ReadOnlySpan<byte> payload)
    {
        if (header.Type != expected)
        {
            throw new ArgumentException($"This parser reads {FrameText.TypeName(expected)} frames, not {FrameText.TypeName(header.Type)}; pick the parser by header.Type.", nameof(header));
        }

        if (header.Length != payload.Length)
        {
            throw new ArgumentException($"The payload has {payload.Length} octets but the header says {header.Length}; pass the payload FrameReader returned with this header.", nameof(payload));
        }
    }

    public static void RequireStream(in FrameHeader header)
    {
        if (header.StreamId == 0)
        {
            throw new ProtocolException($"A {FrameText.TypeName(header.Type)} frame must be associated with a stream, but its stream id is 0.", ErrorCode.ProtocolError, 0);
        }
    }

    public static void RequireConnection(in FrameHeader header)
    {
        if (header.StreamId != 0)
        {
            throw new ProtocolException($"A {FrameText.TypeName(header.Type)} frame applies to the connection and must have stream id 0, but has {header.StreamId}.", ErrorCode.ProtocolError, 0);
        }
    }

    public static FrameDataMissingException TooShort(in FrameHeader header, int needed, int streamId = 0) =>
        new($"A {FrameText.TypeName(header.Type)} frame needs at least {needed} payload octets for its fields but has {header.Length}.", streamId);

    public static FrameDataMissingException WrongSize(in FrameHeader header, string expected, int streamId = 0) =>
        new($"A {FrameText.TypeName(header.Type)} frame must have {expected} payload octets but has {header.Length}.", streamId);

    /// <summary>
    /// Splits a DATA, HEADERS or PUSH_PROMISE payload into the part between the Pad Length
    /// field and the padding. <paramref name="fieldsLength"/> octets of fixed fields
    /// (priority, promised stream id) must fit before the padding.
    /// </summary>
    public static ReadOnlySpan<byte> StripPadding(in FrameHeader header, ReadOnlySpan<byte> payload, int fieldsLength, out int? padLength)
    {
        if ((header.Flags & FrameFlags.Padded) == 0)
        {
            padLength = null;
            if (payload.Length < fieldsLength)
            {
                throw TooShort(header, fieldsLength);
            }

            return payload;
        }

        if (payload.Length < 1 + fieldsLength)
        {
            throw TooShort(header, 1 + fieldsLength);
        }

        int pad = payload[0];
        // RFC 9113 sections 6.1, 6.2, 6.6: "If the length of the padding is the length of the
        // frame payload or greater, the recipient MUST treat this as a connection error
        // (Section 5.4.1) of type PROTOCOL_ERROR." Padding that would cover the fixed fields
        // is the same fault: the fields and the padding cannot both be there.
        if (pad > payload.Length - 1 - fieldsLength)
        {
            throw new ProtocolException($"A {FrameText.TypeName(header.Type)} frame declares {pad} octets of padding, but only {payload.Length - 1 - fieldsLength} octets follow its fixed fields.", ErrorCode.ProtocolError, 0);
        }

        padLength = pad;
        return payload.Slice(1, payload.Length - 1 - pad);
    }
}
