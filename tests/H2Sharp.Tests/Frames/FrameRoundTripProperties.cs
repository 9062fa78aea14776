using System.Buffers;
using CsCheck;
using H2Sharp.Frames;

namespace H2Sharp.Tests.Frames;

/// <summary>Property: parse(serialise(f)) == f for random frames of every type, fields compared one by one.</summary>
public class FrameRoundTripProperties
{
    private delegate void Verifier(FrameHeader header, ReadOnlySpan<byte> payload);

    /// <summary>A random frame: how to write it, and how to check what was read back.</summary>
    private sealed record FrameCase(string Description, Func<IBufferWriter<byte>, int> Write, Verifier Verify)
    {
        public override string ToString() => Description;
    }

    private static readonly Gen<int> StreamId = Gen.Int[1, int.MaxValue];
    private static readonly Gen<int> AnyId = Gen.Int[0, int.MaxValue];
    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 300];
    private static readonly Gen<int?> Pad = Gen.Int[0, 255].Nullable(0.5);
    private static readonly Gen<PriorityInfo> Priority = Gen.Select(AnyId, Gen.Int[1, 256], Gen.Bool, (d, w, e) => new PriorityInfo(d, w, e));
    private static readonly Gen<PriorityInfo?> MaybePriority = Priority.Nullable(0.5);
    private static readonly Gen<ErrorCode> Code = Gen.UInt.Uniform.Select(c => (ErrorCode)c);

    private static readonly Gen<FrameCase> Data = Gen.Select(StreamId, Bytes, Gen.Bool, Pad, (id, data, end, pad) => new FrameCase(
        $"DATA {id} {data.Length} {end} {pad}",
        o => FrameWriter.WriteData(o, id, data, end, pad),
        (h, p) =>
        {
            var f = DataFrame.Parse(h, p);
            Assert.Equal((id, end, pad, 9 + data.Length + (pad is int n ? n + 1 : 0)), (f.StreamId, f.EndStream, f.PadLength, 9 + f.FlowControlledLength));
            Assert.True(f.Data.SequenceEqual(data));
        }));

    private static readonly Gen<FrameCase> Headers = Gen.Select(StreamId, Bytes, Gen.Bool, Gen.Bool, MaybePriority, Pad, (id, fragment, end, endHeaders, priority, pad) => new FrameCase(
        $"HEADERS {id} {fragment.Length} {end} {endHeaders} {priority} {pad}",
        o => FrameWriter.WriteHeaders(o, id, fragment, end, endHeaders, priority, pad),
        (h, p) =>
        {
            var f = HeadersFrame.Parse(h, p);
            Assert.Equal((id, end, endHeaders, priority, pad), (f.StreamId, f.EndStream, f.EndHeaders, f.Priority, f.PadLength));
            Assert.True(f.HeaderBlockFragment.SequenceEqual(fragment));
        }));

    private static readonly Gen<FrameCase> PriorityCase = Gen.Select(StreamId, Priority, (id, priority) => new FrameCase(
        $"PRIORITY {id} {priority}",
        o => FrameWriter.WritePriority(o, id, priority),
        (h, p) =>
        {
            var f = PriorityFrame.Parse(h, p);
            Assert.Equal((id, priority), (f.StreamId, f.Priority));
        }));

    private static readonly Gen<FrameCase> RstStream = Gen.Select(StreamId, Code, (id, code) => new FrameCase(
        $"RST_STREAM {id} {code}",
        o => FrameWriter.WriteRstStream(o, id, code),
        (h, p) =>
        {
            var f = RstStreamFrame.Parse(h, p);
            Assert.Equal((id, code), (f.StreamId, f.ErrorCode));
        }));

    private static readonly Gen<Setting> OneSetting = Gen.Select(Gen.UShort, Gen.UInt, (c, v) => new Setting((SettingCode)c, v));

    private static readonly Gen<FrameCase> Settings = Gen.Select(OneSetting.Array[0, 20], Gen.Bool, (settings, ack) => new FrameCase(
        $"SETTINGS {settings.Length} ack={ack}",
        o => ack ? FrameWriter.WriteSettingsAck(o) : FrameWriter.WriteSettings(o, settings),
        (h, p) =>
        {
            var f = SettingsFrame.Parse(h, p);
            Assert.Equal(ack, f.Ack);
            Setting[] expected = ack ? [] : settings;
            Assert.Equal(expected.Length, f.Count);
            var seen = new List<Setting>();
            foreach (Setting s in f)
            {
                seen.Add(s);
            }

            Assert.Equal(expected, seen);
        }));

    private static readonly Gen<FrameCase> PushPromise = Gen.Select(StreamId, AnyId, Bytes, Gen.Bool, Pad, (id, promised, fragment, endHeaders, pad) => new FrameCase(
        $"PUSH_PROMISE {id} {promised} {fragment.Length} {endHeaders} {pad}",
        o => FrameWriter.WritePushPromise(o, id, promised, fragment, endHeaders, pad),
        (h, p) =>
        {
            var f = PushPromiseFrame.Parse(h, p);
            Assert.Equal((id, promised, endHeaders, pad), (f.StreamId, f.PromisedStreamId, f.EndHeaders, f.PadLength));
            Assert.True(f.HeaderBlockFragment.SequenceEqual(fragment));
        }));

    private static readonly Gen<FrameCase> Ping = Gen.Select(Gen.ULong, Gen.Bool, (data, ack) => new FrameCase(
        $"PING {data} {ack}",
        o => FrameWriter.WritePing(o, data, ack),
        (h, p) =>
        {
            var f = PingFrame.Parse(h, p);
            Assert.Equal((data, ack), (f.OpaqueData, f.Ack));
        }));

    private static readonly Gen<FrameCase> GoAway = Gen.Select(AnyId, Code, Bytes, (last, code, debug) => new FrameCase(
        $"GOAWAY {last} {code} {debug.Length}",
        o => FrameWriter.WriteGoAway(o, last, code, debug),
        (h, p) =>
        {
            var f = GoAwayFrame.Parse(h, p);
            Assert.Equal((last, code), (f.LastStreamId, f.ErrorCode));
            Assert.True(f.AdditionalDebugData.SequenceEqual(debug));
        }));

    private static readonly Gen<FrameCase> WindowUpdate = Gen.Select(AnyId, AnyId, (id, increment) => new FrameCase(
        $"WINDOW_UPDATE {id} {increment}",
        o => FrameWriter.WriteWindowUpdate(o, id, increment),
        (h, p) =>
        {
            var f = WindowUpdateFrame.Parse(h, p);
            Assert.Equal((id, increment), (f.StreamId, f.WindowSizeIncrement));
        }));

    private static readonly Gen<FrameCase> Continuation = Gen.Select(StreamId, Bytes, Gen.Bool, (id, fragment, endHeaders) => new FrameCase(
        $"CONTINUATION {id} {fragment.Length} {endHeaders}",
        o => FrameWriter.WriteContinuation(o, id, fragment, endHeaders),
        (h, p) =>
        {
            var f = ContinuationFrame.Parse(h, p);
            Assert.Equal((id, endHeaders), (f.StreamId, f.EndHeaders));
            Assert.True(f.HeaderBlockFragment.SequenceEqual(fragment));
        }));

    private static readonly Gen<FrameCase> AltSvc = Gen.Select(AnyId, Bytes, Bytes, (id, origin, value) => new FrameCase(
        $"ALTSVC {id} {origin.Length} {value.Length}",
        o => FrameWriter.WriteAltSvc(o, id, origin, value),
        (h, p) =>
        {
            var f = AltSvcFrame.Parse(h, p);
            Assert.Equal(id, f.StreamId);
            Assert.True(f.Origin.SequenceEqual(origin));
            Assert.True(f.FieldValue.SequenceEqual(value));
        }));

    private static readonly Gen<FrameCase> PriorityUpdate = Gen.Select(StreamId, Bytes, (id, value) => new FrameCase(
        $"PRIORITY_UPDATE {id} {value.Length}",
        o => FrameWriter.WritePriorityUpdate(o, id, value),
        (h, p) =>
        {
            var f = PriorityUpdateFrame.Parse(h, p);
            Assert.Equal(id, f.PrioritizedStreamId);
            Assert.True(f.PriorityFieldValue.SequenceEqual(value));
        }));

    private static readonly Gen<FrameCase> Unknown = Gen.Select(Gen.Byte[0x11, 0xff], Gen.Byte, AnyId, Bytes, (type, flags, id, payload) => new FrameCase(
        $"UNKNOWN {type} {flags} {id} {payload.Length}",
        o => FrameWriter.WriteUnknown(o, type, (FrameFlags)flags, id, payload),
        (h, p) =>
        {
            var f = UnknownFrame.Parse(h, p);
            Assert.Equal((type, (FrameFlags)flags, id), (f.Type, f.Flags, f.StreamId));
            Assert.True(f.Payload.SequenceEqual(payload));
        }));

    private static readonly Gen<FrameCase> AnyFrame = Gen.OneOf(
        Data, Headers, PriorityCase, RstStream, Settings, PushPromise, Ping, GoAway, WindowUpdate, Continuation, AltSvc, PriorityUpdate, Unknown);

    [Fact]
    public void Parse_of_serialise_gives_back_every_field()
    {
        AnyFrame.Sample(frame =>
        {
            var output = new ArrayBufferWriter<byte>();
            int written = frame.Write(output);
            Assert.Equal(output.WrittenCount, written);
            ReadOnlySpan<byte> input = output.WrittenSpan;
            Assert.True(new FrameReader().TryReadFrame(ref input, out FrameHeader header, out ReadOnlySpan<byte> payload));
            Assert.True(input.IsEmpty);
            frame.Verify(header, payload);
            Assert.False(string.IsNullOrEmpty(FrameDescriber.Describe(header, payload) + " / " + header));
        }, iter: 5000);
    }

    [Fact]
    public void A_sequence_of_random_frames_reads_back_in_order_from_any_slicing()
    {
        Gen.Select(AnyFrame.Array[1, 30], Gen.Int[1, 64]).Sample((frames, slice) =>
        {
            var output = new ArrayBufferWriter<byte>();
            foreach (FrameCase frame in frames)
            {
                frame.Write(output);
            }

            byte[] stream = output.WrittenSpan.ToArray();
            List<ReadFrame> read = FrameTestKit.ReadAll(new FrameReader(), stream, () => slice);
            Assert.Equal(frames.Length, read.Count);
            for (int i = 0; i < frames.Length; i++)
            {
                frames[i].Verify(read[i].Header, read[i].Payload);
            }
        }, iter: 500);
    }
}
