using System;
using System.Collections.Generic;
using H2Sharp.Frames;
using H2Sharp.Fuzz.Support;

namespace H2Sharp.Fuzz.Targets;

/// <summary>
/// Target "frames": the frame layer on arbitrary bytes. Input: one selector byte, then the
/// byte stream. The stream is read once whole and once cut as the selector says (its top bit
/// also turns on <see cref="FrameReader.ValidateFrames"/>); every frame goes through
/// <see cref="FrameReader.Validate"/> and its typed <c>Parse</c>, is written back with
/// <see cref="FrameWriter"/> and parsed again.
/// </summary>
/// <remarks>
/// Only <see cref="ProtocolException"/> subtypes may escape the frame layer. Invariants: both
/// readings give the same frames and outcomes (the reader's "any slicing gives the same
/// frames"); a payload's length is the header's; a frame that parses survives a write and re-parse.
/// </remarks>
public static class FramesTarget
{
    /// <summary>Runs the target on one input.</summary>
    /// <param name="input">Selector byte, then the frame stream.</param>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        ReadOnlySpan<byte> data = input[1..];
        List<string> whole = Read(data, 0, validateInReader: false);
        List<string> sliced = Read(data, input[0], validateInReader: (input[0] & 0x80) != 0);
        FuzzInvariantException.Check(whole.Count == sliced.Count,
            $"Whole reading gave {whole.Count} frames, sliced reading {sliced.Count}.");
        for (int i = 0; i < whole.Count; i++)
        {
            FuzzInvariantException.Check(whole[i] == sliced[i],
                $"Frame {i} differs: whole '{whole[i]}', sliced '{sliced[i]}'.");
        }
    }

    /// <summary>Reads every frame of <paramref name="data"/>; returns one line per frame (and its outcome).</summary>
    private static List<string> Read(ReadOnlySpan<byte> data, byte selector, bool validateInReader)
    {
        var seen = new List<string>();
        var reader = new FrameReader { ValidateFrames = validateInReader };
        var slicer = new Slicer(data, selector);
        while (slicer.Next(out ReadOnlySpan<byte> slice))
        {
            if (!ReadSlice(reader, slice, seen))
            {
                break;
            }
        }

        return seen;
    }

    /// <summary>Reads the frames one slice completes; false after a connection error.</summary>
    private static bool ReadSlice(FrameReader reader, scoped ReadOnlySpan<byte> slice, List<string> seen)
    {
        while (true)
        {
            FrameHeader header;
            scoped ReadOnlySpan<byte> payload;
            try
            {
                if (!reader.TryReadFrame(ref slice, out header, out payload))
                {
                    return true;
                }
            }
            catch (FrameTooLargeException e)
            {
                // A connection error: nothing after it can be framed.
                seen.Add("too large " + e.ErrorCode);
                return false;
            }
            catch (ProtocolException e)
            {
                // Only with ValidateFrames: the frame was consumed, reading goes on.
                seen.Add("invalid " + e.GetType().Name + " " + e.ErrorCode + " " + e.StreamId);
                continue;
            }

            seen.Add(Inspect(header, payload));
        }
    }

    private static string Inspect(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        FuzzInvariantException.Check(payload.Length == header.Length,
            $"Payload of {payload.Length} octets for a header saying {header.Length}.");
        try
        {
            FrameReader.Validate(header, payload);
        }
        catch (ProtocolException e)
        {
            return "invalid " + e.GetType().Name + " " + e.ErrorCode + " " + e.StreamId;
        }

        string text = FrameDescriber.Describe(header, payload);
        string again = FrameRewriter.RewriteAndDescribe(header, payload);
        FuzzInvariantException.Check(text == again, $"Frame '{text}' written back and parsed again reads '{again}'.");
        return text;
    }
}
