using System.Text;
using H2Sharp.Frames;
using static H2Sharp.Tests.Frames.FrameTestKit;

namespace H2Sharp.Tests.Frames;

/// <summary>
/// Byte-exact vectors worked out by hand from the frame diagrams of RFC 9113 section 6,
/// RFC 7838 section 4 and RFC 9218 section 7.1 (length(3) type(1) flags(1) R+stream(4) payload).
/// Each vector is parsed, and our writer must produce exactly it.
/// </summary>
public class FrameVectorTests
{
    [Fact]
    public void Data_plain()
    {
        byte[] wire = Hex("000005 00 00 00000001 68656c6c6f");
        var f = DataFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(1, f.StreamId);
        Assert.False(f.EndStream);
        Assert.Null(f.PadLength);
        Assert.Equal("hello"u8.ToArray(), f.Data.ToArray());
        Assert.Equal(5, f.FlowControlledLength);
        Assert.Equal(wire, Written(o => FrameWriter.WriteData(o, 1, "hello"u8, false), d => FrameWriter.WriteData(d, 1, "hello"u8, false)));
    }

    [Fact]
    public void Data_padded_end_stream()
    {
        // PADDED (0x8) | END_STREAM (0x1); Pad Length 2, "hi", two zero octets of padding.
        byte[] wire = Hex("000005 00 09 00000001 02 6869 0000");
        var f = DataFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.True(f.EndStream);
        Assert.Equal(2, f.PadLength);
        Assert.Equal("hi"u8.ToArray(), f.Data.ToArray());
        Assert.Equal(5, f.FlowControlledLength);
        Assert.Equal(wire, Written(o => FrameWriter.WriteData(o, 1, "hi"u8, true, 2), d => FrameWriter.WriteData(d, 1, "hi"u8, true, 2)));
    }

    [Fact]
    public void Data_padded_with_zero_pad_and_no_data()
    {
        byte[] wire = Hex("000001 00 09 00000003 00");
        var f = DataFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(0, f.PadLength);
        Assert.True(f.Data.IsEmpty);
        Assert.Equal(1, f.FlowControlledLength);
        Assert.Equal(wire, Written(o => FrameWriter.WriteData(o, 3, default, true, 0), d => FrameWriter.WriteData(d, 3, default, true, 0)));
    }

    [Fact]
    public void Data_padding_filling_the_payload_but_the_pad_length_octet()
    {
        // Pad Length 3 with 3 padding octets and no data: padding is shorter than the payload (4).
        byte[] wire = Hex("000004 00 08 00000001 03 000000");
        var f = DataFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(3, f.PadLength);
        Assert.True(f.Data.IsEmpty);
    }

    [Fact]
    public void Headers_end_stream_end_headers()
    {
        byte[] wire = Hex("000003 01 05 00000003 828684");
        var f = HeadersFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(3, f.StreamId);
        Assert.True(f.EndStream);
        Assert.True(f.EndHeaders);
        Assert.Null(f.Priority);
        Assert.Null(f.PadLength);
        Assert.Equal(Hex("828684"), f.HeaderBlockFragment.ToArray());
        Assert.Equal(wire, Written(o => FrameWriter.WriteHeaders(o, 3, Hex("828684"), true, true), d => FrameWriter.WriteHeaders(d, 3, Hex("828684"), true, true)));
    }

    [Fact]
    public void Headers_with_priority()
    {
        // END_HEADERS | PRIORITY = 0x24; E=1, dependency 1, weight field 15 (weight 16).
        byte[] wire = Hex("000006 01 24 00000005 80000001 0f 82");
        var f = HeadersFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.False(f.EndStream);
        Assert.True(f.EndHeaders);
        Assert.Equal(new PriorityInfo(1, 16, true), f.Priority);
        Assert.Equal(Hex("82"), f.HeaderBlockFragment.ToArray());
        var p = new PriorityInfo(1, 16, true);
        Assert.Equal(wire, Written(o => FrameWriter.WriteHeaders(o, 5, Hex("82"), false, true, p), d => FrameWriter.WriteHeaders(d, 5, Hex("82"), false, true, p)));
    }

    [Fact]
    public void Headers_padded_with_priority_weight_256()
    {
        // PADDED | PRIORITY | END_HEADERS = 0x2c; Pad Length 3; E=0, dependency 0, weight field 255.
        byte[] wire = Hex("00000b 01 2c 00000007 03 00000000 ff 8286 000000");
        var f = HeadersFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(3, f.PadLength);
        Assert.Equal(new PriorityInfo(0, 256, false), f.Priority);
        Assert.Equal(Hex("8286"), f.HeaderBlockFragment.ToArray());
        var p = new PriorityInfo(0, 256, false);
        Assert.Equal(wire, Written(o => FrameWriter.WriteHeaders(o, 7, Hex("8286"), false, true, p, 3), d => FrameWriter.WriteHeaders(d, 7, Hex("8286"), false, true, p, 3)));
    }

    [Fact]
    public void Headers_padded_without_priority_no_flags_else()
    {
        byte[] wire = Hex("000004 01 08 00000001 01 8284 00");
        var f = HeadersFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.False(f.EndHeaders);
        Assert.False(f.EndStream);
        Assert.Equal(1, f.PadLength);
        Assert.Equal(Hex("8284"), f.HeaderBlockFragment.ToArray());
        Assert.Equal(wire, Written(o => FrameWriter.WriteHeaders(o, 1, Hex("8284"), false, false, null, 1), d => FrameWriter.WriteHeaders(d, 1, Hex("8284"), false, false, null, 1)));
    }

    [Fact]
    public void Priority_exclusive_weight_1()
    {
        byte[] wire = Hex("000005 02 00 00000005 80000003 00");
        var f = PriorityFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(5, f.StreamId);
        Assert.Equal(new PriorityInfo(3, 1, true), f.Priority);
        Assert.Equal(wire, Written(o => FrameWriter.WritePriority(o, 5, new PriorityInfo(3, 1, true)), d => FrameWriter.WritePriority(d, 5, new PriorityInfo(3, 1, true))));
    }

    [Fact]
    public void Priority_largest_dependency()
    {
        byte[] wire = Hex("000005 02 00 00000009 7fffffff c8");
        var f = PriorityFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(new PriorityInfo(int.MaxValue, 201, false), f.Priority);
        Assert.Equal(wire, Written(o => FrameWriter.WritePriority(o, 9, new PriorityInfo(int.MaxValue, 201, false)), d => FrameWriter.WritePriority(d, 9, new PriorityInfo(int.MaxValue, 201, false))));
    }

    [Fact]
    public void RstStream_cancel()
    {
        byte[] wire = Hex("000004 03 00 00000001 00000008");
        var f = RstStreamFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(1, f.StreamId);
        Assert.Equal(ErrorCode.Cancel, f.ErrorCode);
        Assert.Equal(wire, Written(o => FrameWriter.WriteRstStream(o, 1, ErrorCode.Cancel), d => FrameWriter.WriteRstStream(d, 1, ErrorCode.Cancel)));
    }

    [Fact]
    public void RstStream_unknown_error_code_passes_through()
    {
        byte[] wire = Hex("000004 03 00 0000000b deadbeef");
        var f = RstStreamFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal((ErrorCode)0xdeadbeef, f.ErrorCode);
        Assert.Equal(wire, Written(o => FrameWriter.WriteRstStream(o, 11, (ErrorCode)0xdeadbeef), d => FrameWriter.WriteRstStream(d, 11, (ErrorCode)0xdeadbeef)));
    }

    [Fact]
    public void Settings_with_unknown_identifier()
    {
        byte[] wire = Hex("000012 04 00 00000000 0001 00001000 0002 00000000 0a0a 00000007");
        var f = SettingsFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.False(f.Ack);
        Assert.Equal(3, f.Count);
        Setting[] expected = [new(SettingCode.HeaderTableSize, 4096), new(SettingCode.EnablePush, 0), new((SettingCode)0x0a0a, 7)];
        Assert.Equal(expected[2], f[2]);
        var seen = new List<Setting>();
        foreach (Setting s in f)
        {
            seen.Add(s);
        }

        Assert.Equal(expected, seen);
        Assert.Equal(wire, Written(o => FrameWriter.WriteSettings(o, expected), d => FrameWriter.WriteSettings(d, expected)));
        Assert.Equal("SETTINGS [HeaderTableSize=4096, EnablePush=0, 2570=7]", f.ToString());
    }

    [Fact]
    public void Settings_empty_and_ack()
    {
        byte[] empty = Hex("000000 04 00 00000000");
        var f = SettingsFrame.Parse(HeaderOf(empty), PayloadOf(empty));
        Assert.Equal(0, f.Count);
        Assert.False(f.Ack);
        foreach (Setting s in f)
        {
            Assert.Fail("An empty SETTINGS frame has no settings, got " + s);
        }

        Assert.Equal(empty, Written(o => FrameWriter.WriteSettings(o, default), d => FrameWriter.WriteSettings(d, default)));

        byte[] ack = Hex("000000 04 01 00000000");
        Assert.True(SettingsFrame.Parse(HeaderOf(ack), PayloadOf(ack)).Ack);
        Assert.Equal(ack, Written(FrameWriter.WriteSettingsAck, d => FrameWriter.WriteSettingsAck(d)));
    }

    [Fact]
    public void Settings_indexer_rejects_out_of_range()
    {
        byte[] wire = Hex("000006 04 00 00000000 0003 00000064");
        Assert.Throws<ArgumentOutOfRangeException>(() => SettingsFrame.Parse(HeaderOf(wire), PayloadOf(wire))[1]);
    }

    [Fact]
    public void PushPromise_end_headers()
    {
        byte[] wire = Hex("000006 05 04 00000001 00000002 8287");
        var f = PushPromiseFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(1, f.StreamId);
        Assert.Equal(2, f.PromisedStreamId);
        Assert.True(f.EndHeaders);
        Assert.Null(f.PadLength);
        Assert.Equal(Hex("8287"), f.HeaderBlockFragment.ToArray());
        Assert.Equal(wire, Written(o => FrameWriter.WritePushPromise(o, 1, 2, Hex("8287"), true), d => FrameWriter.WritePushPromise(d, 1, 2, Hex("8287"), true)));
    }

    [Fact]
    public void PushPromise_padded()
    {
        byte[] wire = Hex("000007 05 08 00000003 01 00000004 82 00");
        var f = PushPromiseFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.False(f.EndHeaders);
        Assert.Equal(1, f.PadLength);
        Assert.Equal(4, f.PromisedStreamId);
        Assert.Equal(Hex("82"), f.HeaderBlockFragment.ToArray());
        Assert.Equal(wire, Written(o => FrameWriter.WritePushPromise(o, 3, 4, Hex("82"), false, 1), d => FrameWriter.WritePushPromise(d, 3, 4, Hex("82"), false, 1)));
    }

    [Fact]
    public void Ping_and_ping_ack()
    {
        byte[] ping = Hex("000008 06 00 00000000 0102030405060708");
        var f = PingFrame.Parse(HeaderOf(ping), PayloadOf(ping));
        Assert.False(f.Ack);
        Assert.Equal(0x0102030405060708UL, f.OpaqueData);
        Assert.Equal(ping, Written(o => FrameWriter.WritePing(o, 0x0102030405060708UL, false), d => FrameWriter.WritePing(d, 0x0102030405060708UL, false)));

        byte[] ack = Hex("000008 06 01 00000000 ffffffffffffffff");
        var a = PingFrame.Parse(HeaderOf(ack), PayloadOf(ack));
        Assert.True(a.Ack);
        Assert.Equal(ulong.MaxValue, a.OpaqueData);
        Assert.Equal(ack, Written(o => FrameWriter.WritePing(o, ulong.MaxValue, true), d => FrameWriter.WritePing(d, ulong.MaxValue, true)));
    }

    [Fact]
    public void GoAway_with_debug_data()
    {
        byte[] wire = Hex("00000c 07 00 00000000 00000007 00000001 6f6f7073");
        var f = GoAwayFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(7, f.LastStreamId);
        Assert.Equal(ErrorCode.ProtocolError, f.ErrorCode);
        Assert.Equal("oops"u8.ToArray(), f.AdditionalDebugData.ToArray());
        Assert.Equal(wire, Written(o => FrameWriter.WriteGoAway(o, 7, ErrorCode.ProtocolError, "oops"u8), d => FrameWriter.WriteGoAway(d, 7, ErrorCode.ProtocolError, "oops"u8)));
        Assert.Equal("GOAWAY last_stream=7 error=ProtocolError debug=\"oops\"", f.ToString());
    }

    [Fact]
    public void GoAway_without_debug_data()
    {
        byte[] wire = Hex("000008 07 00 00000000 00000000 00000000");
        var f = GoAwayFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(0, f.LastStreamId);
        Assert.Equal(ErrorCode.NoError, f.ErrorCode);
        Assert.True(f.AdditionalDebugData.IsEmpty);
        Assert.Equal(wire, Written(o => FrameWriter.WriteGoAway(o, 0, ErrorCode.NoError, default), d => FrameWriter.WriteGoAway(d, 0, ErrorCode.NoError, default)));
    }

    [Fact]
    public void WindowUpdate_connection_and_stream()
    {
        byte[] conn = Hex("000004 08 00 00000000 0000ffff");
        var c = WindowUpdateFrame.Parse(HeaderOf(conn), PayloadOf(conn));
        Assert.Equal(0, c.StreamId);
        Assert.Equal(65535, c.WindowSizeIncrement);
        Assert.Equal(conn, Written(o => FrameWriter.WriteWindowUpdate(o, 0, 65535), d => FrameWriter.WriteWindowUpdate(d, 0, 65535)));

        byte[] stream = Hex("000004 08 00 00000001 7fffffff");
        var s = WindowUpdateFrame.Parse(HeaderOf(stream), PayloadOf(stream));
        Assert.Equal(1, s.StreamId);
        Assert.Equal(int.MaxValue, s.WindowSizeIncrement);
        Assert.Equal(stream, Written(o => FrameWriter.WriteWindowUpdate(o, 1, int.MaxValue), d => FrameWriter.WriteWindowUpdate(d, 1, int.MaxValue)));
    }

    [Fact]
    public void WindowUpdate_zero_increment_is_returned_not_rejected()
    {
        byte[] wire = Hex("000004 08 00 00000001 00000000");
        Assert.Equal(0, WindowUpdateFrame.Parse(HeaderOf(wire), PayloadOf(wire)).WindowSizeIncrement);
    }

    [Fact]
    public void Continuation_with_and_without_end_headers()
    {
        byte[] end = Hex("000002 09 04 00000001 8485");
        var e = ContinuationFrame.Parse(HeaderOf(end), PayloadOf(end));
        Assert.True(e.EndHeaders);
        Assert.Equal(1, e.StreamId);
        Assert.Equal(Hex("8485"), e.HeaderBlockFragment.ToArray());
        Assert.Equal(end, Written(o => FrameWriter.WriteContinuation(o, 1, Hex("8485"), true), d => FrameWriter.WriteContinuation(d, 1, Hex("8485"), true)));

        byte[] more = Hex("000001 09 00 00000001 86");
        Assert.False(ContinuationFrame.Parse(HeaderOf(more), PayloadOf(more)).EndHeaders);
        Assert.Equal(more, Written(o => FrameWriter.WriteContinuation(o, 1, Hex("86"), false), d => FrameWriter.WriteContinuation(d, 1, Hex("86"), false)));
    }

    [Fact]
    public void AltSvc_on_stream_0_with_origin()
    {
        // Origin-Len 11, "https://a.b", then the field value h2=":443".
        byte[] wire = Hex("000016 0a 00 00000000 000b 68747470733a2f2f612e62 68323d223a34343322");
        var f = AltSvcFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(0, f.StreamId);
        Assert.Equal("https://a.b", Encoding.ASCII.GetString(f.Origin));
        Assert.Equal("h2=\":443\"", Encoding.ASCII.GetString(f.FieldValue));
        Assert.Equal(wire, Written(o => FrameWriter.WriteAltSvc(o, 0, "https://a.b"u8, "h2=\":443\""u8), d => FrameWriter.WriteAltSvc(d, 0, "https://a.b"u8, "h2=\":443\""u8)));
    }

    [Fact]
    public void AltSvc_on_a_stream_with_empty_origin()
    {
        byte[] wire = Hex("00000c 0a 00 00000001 0000 68323d223a3830303022");
        var f = AltSvcFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(1, f.StreamId);
        Assert.True(f.Origin.IsEmpty);
        Assert.Equal("h2=\":8000\"", Encoding.ASCII.GetString(f.FieldValue));
        Assert.Equal(wire, Written(o => FrameWriter.WriteAltSvc(o, 1, default, "h2=\":8000\""u8), d => FrameWriter.WriteAltSvc(d, 1, default, "h2=\":8000\""u8)));
    }

    [Fact]
    public void PriorityUpdate()
    {
        byte[] wire = Hex("00000a 10 00 00000000 00000001 753d312c2069");
        var f = PriorityUpdateFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.Equal(1, f.PrioritizedStreamId);
        Assert.Equal("u=1, i", Encoding.ASCII.GetString(f.PriorityFieldValue));
        Assert.Equal(wire, Written(o => FrameWriter.WritePriorityUpdate(o, 1, "u=1, i"u8), d => FrameWriter.WritePriorityUpdate(d, 1, "u=1, i"u8)));
    }

    [Fact]
    public void Unknown_type_kept_whole()
    {
        byte[] wire = Hex("000002 fb ff 00000011 0102");
        FrameHeader header = HeaderOf(wire);
        Assert.Equal((FrameType)0xfb, header.Type);
        var f = UnknownFrame.Parse(header, PayloadOf(wire));
        Assert.Equal(0xfb, f.Type);
        Assert.Equal((FrameFlags)0xff, f.Flags);
        Assert.Equal(0x11, f.StreamId);
        Assert.Equal(Hex("0102"), f.Payload.ToArray());
        Assert.Equal(wire, Written(o => FrameWriter.WriteUnknown(o, 0xfb, (FrameFlags)0xff, 0x11, Hex("0102")), d => FrameWriter.WriteUnknown(d, 0xfb, (FrameFlags)0xff, 0x11, Hex("0102"))));
    }

    [Fact]
    public void Reserved_bits_are_ignored_on_receipt()
    {
        // R set in the frame header and in every 31-bit field that has one.
        byte[] wu = Hex("000004 08 00 80000001 80000010");
        var w = WindowUpdateFrame.Parse(HeaderOf(wu), PayloadOf(wu));
        Assert.Equal(1, w.StreamId);
        Assert.Equal(16, w.WindowSizeIncrement);

        byte[] ga = Hex("000008 07 00 80000000 80000005 00000000");
        Assert.Equal(5, GoAwayFrame.Parse(HeaderOf(ga), PayloadOf(ga)).LastStreamId);

        byte[] pp = Hex("000004 05 04 80000001 80000002");
        var p = PushPromiseFrame.Parse(HeaderOf(pp), PayloadOf(pp));
        Assert.Equal(1, p.StreamId);
        Assert.Equal(2, p.PromisedStreamId);

        byte[] pu = Hex("000004 10 00 80000000 80000003");
        Assert.Equal(3, PriorityUpdateFrame.Parse(HeaderOf(pu), PayloadOf(pu)).PrioritizedStreamId);

        byte[] data = Hex("000000 00 01 ffffffff");
        Assert.Equal(int.MaxValue, HeaderOf(data).StreamId);
    }

    [Fact]
    public void Header_round_trip_and_text()
    {
        byte[] wire = Hex("00000c 01 25 00000001");
        FrameHeader header = FrameHeader.Read(wire);
        Assert.Equal(new FrameHeader(12, FrameType.Headers, FrameFlags.EndStream | FrameFlags.EndHeaders | FrameFlags.Priority, 1), header);
        byte[] back = new byte[9];
        header.Write(back);
        Assert.Equal(wire, back);
        Assert.Equal("HEADERS stream=1 length=12 flags=END_STREAM|END_HEADERS|PRIORITY", header.ToString());
        Assert.Equal("SETTINGS stream=0 length=0 flags=ACK", FrameHeader.Read(Hex("000000 04 01 00000000")).ToString());
        Assert.Equal("UNKNOWN(0xfb) stream=17 length=2 flags=0xff", FrameHeader.Read(Hex("000002 fb ff 00000011")).ToString());
        Assert.Equal("DATA stream=1 length=0 flags=END_STREAM|0x02", FrameHeader.Read(Hex("000000 00 03 00000001")).ToString());
    }

    [Fact]
    public void Undefined_flags_are_ignored_on_receipt()
    {
        // PING with every flag bit set is still a PING response; the undefined bits change nothing.
        byte[] wire = Hex("000008 06 ff 00000000 0000000000000001");
        var f = PingFrame.Parse(HeaderOf(wire), PayloadOf(wire));
        Assert.True(f.Ack);
        Assert.Equal(1UL, f.OpaqueData);
    }
}
