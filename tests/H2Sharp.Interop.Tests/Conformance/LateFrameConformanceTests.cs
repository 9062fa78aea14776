using System.Buffers;
using System.Net;
using System.Net.Sockets;
using H2Sharp.Frames;
using H2Sharp.Interop.Tests.Samples;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Conformance;

/// <summary>
/// RFC 9113 section 5.1 over a real socket, in the server role (samples/AsyncServer, driven by a
/// raw-frame client) and in the client role (samples/Client, against a raw-frame server run by
/// the test): frames that arrive after a stream closed by END_STREAM both ways, after RST_STREAM
/// sent or received, after GOAWAY, on half-closed (remote), and RFC 7540 5.3.1 self-dependency.
/// Each case asserts the exact frames and error codes that come back. A PING after frames that
/// must be ignored proves nothing was answered before it.
/// </summary>
/// <remarks>
/// The matrix, both roles (S = server test, C = client test; "-" = nothing is answered, proved by
/// a PING ACK or by the client's closing GOAWAY NO_ERROR coming next):
/// <code>
/// | stream situation                        | DATA                  | HEADERS               | WINDOW_UPDATE | RST_STREAM      | PRIORITY |
/// |-----------------------------------------|-----------------------|-----------------------|---------------|-----------------|----------|
/// | closed by END_STREAM both ways          | GOAWAY STREAM_CLOSED  | GOAWAY STREAM_CLOSED  | -             | -               | -        |
/// | closed by RST_STREAM we sent            | - (HPACK kept)        | - (HPACK kept)        | -             | -               | -        |
/// | closed by RST_STREAM we received        | RST STREAM_CLOSED     | RST STREAM_CLOSED     | -             | -               | -        |
/// | GOAWAY received, END_STREAM both ways   | GOAWAY STREAM_CLOSED  | GOAWAY STREAM_CLOSED  | -             | -               | -        |
/// | C: stream above GOAWAY's last id (0)    | RST STREAM_CLOSED     | RST STREAM_CLOSED     | -             | -               | -        |
/// | half-closed (remote)                    | RST STREAM_CLOSED     | RST STREAM_CLOSED     | - (taken)     | - (closes it)   | -        |
///
/// | self-dependency (RFC 7540 5.3.1)        | default               | NO_RFC7540_PRIORITIES = 1 (RFC 9218 2.1) |
/// |-----------------------------------------|-----------------------|------------------------------------------|
/// | PRIORITY on an idle stream              | RST PROTOCOL_ERROR    | -                                        |
/// | HEADERS with priority on its own stream | RST PROTOCOL_ERROR    | - (the request or response goes on)      |
/// </code>
/// Every cell has a test in each role, except GOAWAY sent by the sample: both samples send
/// GOAWAY only as they close the socket, so no late frame can follow it over the wire; that
/// row (streams that finish, new ones refused with RST_STREAM REFUSED_STREAM, RFC 9113 6.8) is
/// pinned by ShutdownAndPingTests.Graceful_close_lets_existing_streams_finish_and_refuses_new_ones
/// in tests/H2Sharp.Tests/Connection. The server sample has no stream above a GOAWAY's last id
/// (a client-sent GOAWAY names server-initiated streams only).
/// </remarks>
[Collection(SamplesCollection.Name)]
public sealed class LateFrameConformanceTests(AsyncServerFixture server) : IClassFixture<AsyncServerFixture>
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    // ---- server role: samples/AsyncServer ----

    [Fact]
    public void Server_answers_data_after_end_stream_both_ways_with_goaway_stream_closed()
    {
        using var peer = ConnectToServer();
        GetAndReadResponse(peer, 1, "/notes.txt");
        peer.Write(w => FrameWriter.WriteData(w, 1, "late"u8, endStream: false));
        Assert.Equal("GoAway 0 StreamClosed", Describe(NextSignificant(peer)));
        AssertClosed(peer);
    }

    [Fact]
    public void Server_answers_headers_after_end_stream_both_ways_with_goaway_stream_closed()
    {
        using var peer = ConnectToServer();
        GetAndReadResponse(peer, 1, "/notes.txt");
        byte[] block = peer.EncodeHeaders(new HeaderField("x-trailer", "late"));
        peer.Write(w => FrameWriter.WriteHeaders(w, 1, block, endStream: true, endHeaders: true));
        Assert.Equal("GoAway 0 StreamClosed", Describe(NextSignificant(peer)));
        AssertClosed(peer);
    }

    [Fact]
    public void Server_ignores_window_update_rst_stream_and_priority_after_end_stream_both_ways()
    {
        using var peer = ConnectToServer();
        GetAndReadResponse(peer, 1, "/notes.txt");
        peer.Write(w =>
        {
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        AssertOnlyPingAck(peer);
        GetAndReadResponse(peer, 3, "/notes.txt"); // the connection lives on
    }

    [Fact]
    public void Server_answers_data_on_half_closed_remote_with_rst_stream_stream_closed()
    {
        using var peer = ConnectToServer();
        // large.bin outgrows the 65,535-octet window we never reopen: the server's side stays open.
        SendGet(peer, 1, "/large.bin");
        peer.Write(w => FrameWriter.WriteData(w, 1, "late"u8, endStream: false));
        var answer = NextSignificant(peer, skipStream: 1, skipTypes: [FrameType.Headers, FrameType.Data]);
        Assert.Equal("RstStream 1 StreamClosed", Describe(answer));
        AssertOnlyPingAck(peer, skipStream: 1);
    }

    [Fact]
    public void Server_answers_frames_after_a_reset_it_received_with_rst_stream_stream_closed()
    {
        using var peer = ConnectToServer();
        byte[] request = peer.EncodeHeaders(Request("/notes.txt"));
        peer.Write(w =>
        {
            FrameWriter.WriteHeaders(w, 1, request, endStream: false, endHeaders: true);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
        });
        AssertOnlyPingAck(peer, skipStream: 1); // whatever the server said on stream 1 before our reset landed
        peer.Write(w => FrameWriter.WriteData(w, 1, "late"u8, endStream: false));
        Assert.Equal("RstStream 1 StreamClosed", Describe(NextSignificant(peer)));
        byte[] trailers = peer.EncodeHeaders(new HeaderField("x-trailer", "late"));
        peer.Write(w => FrameWriter.WriteHeaders(w, 1, trailers, endStream: true, endHeaders: true));
        Assert.Equal("RstStream 1 StreamClosed", Describe(NextSignificant(peer)));
        // WINDOW_UPDATE and RST_STREAM may cross the reset, PRIORITY is allowed on any closed
        // stream: never answered (RFC 9113 5.1, 5.4.2).
        peer.Write(w =>
        {
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        AssertOnlyPingAck(peer);
    }

    [Fact]
    public void Server_answers_headers_on_half_closed_remote_with_rst_stream_stream_closed()
    {
        using var peer = ConnectToServer();
        SendGet(peer, 1, "/large.bin");
        byte[] trailers = peer.EncodeHeaders(new HeaderField("x-trailer", "late"));
        peer.Write(w => FrameWriter.WriteHeaders(w, 1, trailers, endStream: true, endHeaders: true));
        var answer = NextSignificant(peer, skipStream: 1, skipTypes: [FrameType.Headers, FrameType.Data]);
        Assert.Equal("RstStream 1 StreamClosed", Describe(answer));
        AssertOnlyPingAck(peer, skipStream: 1);
    }

    [Fact]
    public void Server_takes_window_update_priority_and_rst_stream_on_half_closed_remote()
    {
        using var peer = ConnectToServer();
        SendGet(peer, 1, "/large.bin");
        // RFC 9113 5.1 (half-closed (remote)): WINDOW_UPDATE, PRIORITY and RST_STREAM are the
        // frames still allowed; none is answered, and RST_STREAM closes the stream.
        peer.Write(w =>
        {
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 32, false));
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
        });
        AssertOnlyPingAck(peer, skipStream: 1);
        // Now closed by our reset: DATA on it is a stream error STREAM_CLOSED, the connection lives.
        peer.Write(w => FrameWriter.WriteData(w, 1, "late"u8, endStream: false));
        Assert.Equal("RstStream 1 StreamClosed", Describe(NextSignificant(peer, skipStream: 1, skipTypes: [FrameType.Data])));
        GetAndReadResponse(peer, 3, "/notes.txt");
    }

    [Fact]
    public void Server_minimally_processes_and_discards_frames_on_a_stream_it_reset()
    {
        using var peer = ConnectToServer();
        // te: gzip makes the request malformed (RFC 9113 8.2.2): the server resets stream 1.
        byte[] bad = peer.EncodeHeaders([.. Request("/notes.txt"), new HeaderField("te", "gzip")]);
        peer.Write(w => FrameWriter.WriteHeaders(w, 1, bad, endStream: false, endHeaders: true));
        Assert.Equal("RstStream 1 ProtocolError", Describe(NextSignificant(peer)));
        // HEADERS on it must still update HPACK: x-late is added to both dynamic tables here,
        // and the request on stream 3 refers to it by index.
        byte[] trailers = peer.EncodeHeaders(new HeaderField("x-late", "indexed-on-a-reset-stream"));
        peer.Write(w =>
        {
            FrameWriter.WriteData(w, 1, ReadOnlySpan<byte>.Empty, endStream: false);
            FrameWriter.WriteHeaders(w, 1, trailers, endStream: true, endHeaders: true);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        AssertOnlyPingAck(peer);
        var (headers, body, _) = GetAndReadResponse(peer, 3, "/notes.txt", new HeaderField("x-late", "indexed-on-a-reset-stream"));
        Assert.Equal("200", headers.Single(h => h.NameString == ":status").ValueString);
        Assert.Equal("plain text\n", System.Text.Encoding.ASCII.GetString(body));
    }

    [Fact]
    public void Server_answers_priority_making_an_idle_stream_depend_on_itself_with_rst_stream_protocol_error()
    {
        using var peer = ConnectToServer();
        peer.Write(w => FrameWriter.WritePriority(w, 3, new PriorityInfo(3, 16, false)));
        Assert.Equal("RstStream 3 ProtocolError", Describe(NextSignificant(peer)));
        AssertOnlyPingAck(peer);
        GetAndReadResponse(peer, 5, "/notes.txt");
    }

    [Fact]
    public void Server_answers_headers_that_depend_on_their_own_stream_with_rst_stream_protocol_error()
    {
        using var peer = ConnectToServer();
        byte[] request = peer.EncodeHeaders(Request("/notes.txt"));
        peer.Write(w => FrameWriter.WriteHeaders(w, 1, request, endStream: true, endHeaders: true, new PriorityInfo(1, 16, false)));
        Assert.Equal("RstStream 1 ProtocolError", Describe(NextSignificant(peer)));
        AssertOnlyPingAck(peer);
        GetAndReadResponse(peer, 3, "/notes.txt");
    }

    [Fact]
    public void Server_that_received_goaway_still_answers_late_frames_by_the_closed_table()
    {
        using var peer = ConnectToServer();
        GetAndReadResponse(peer, 1, "/notes.txt");
        // One write: the sample ends the connection once it has read a GOAWAY.
        peer.Write(w =>
        {
            FrameWriter.WriteGoAway(w, 0, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteData(w, 1, "late"u8, endStream: false);
        });
        Assert.Equal("GoAway 0 StreamClosed", Describe(NextSignificant(peer)));
    }

    [Fact]
    public void Server_that_received_goaway_answers_headers_after_end_stream_both_ways_with_goaway_stream_closed()
    {
        using var peer = ConnectToServer();
        GetAndReadResponse(peer, 1, "/notes.txt");
        byte[] late = peer.EncodeHeaders(new HeaderField("x-trailer", "late"));
        peer.Write(w =>
        {
            FrameWriter.WriteGoAway(w, 0, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            FrameWriter.WriteHeaders(w, 1, late, endStream: true, endHeaders: true);
        });
        Assert.Equal("GoAway 0 StreamClosed", Describe(NextSignificant(peer)));
    }

    [Fact]
    public void Server_that_received_goaway_ignores_window_update_rst_stream_and_priority_after_end_stream_both_ways()
    {
        using var peer = ConnectToServer();
        GetAndReadResponse(peer, 1, "/notes.txt");
        const ulong marker = 0x4C41_5445_0000_0002;
        peer.Write(w =>
        {
            FrameWriter.WriteGoAway(w, 0, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
            FrameWriter.WritePing(w, marker, ack: false);
        });
        var frame = NextSignificant(peer);
        Assert.Equal("Ping 0 NoError", Describe(frame));
        Assert.Equal(marker, frame.PingData);
    }

    [Fact]
    public void Server_ignores_self_dependency_once_the_client_sent_no_rfc7540_priorities()
    {
        // RFC 9218 2.1: "A server that receives SETTINGS_NO_RFC7540_PRIORITIES with a value of 1
        // MUST ignore HTTP/2 priority signals", the faulty ones included.
        using var peer = ConnectToServer(new Setting(SettingCode.NoRfc7540Priorities, 1));
        peer.Write(w => FrameWriter.WritePriority(w, 3, new PriorityInfo(3, 16, false)));
        AssertOnlyPingAck(peer);
        byte[] request = peer.EncodeHeaders(Request("/notes.txt"));
        peer.Write(w => FrameWriter.WriteHeaders(w, 5, request, endStream: true, endHeaders: true, new PriorityInfo(5, 16, false)));
        var (headers, body, _) = peer.ReadResponse(5);
        Assert.Equal("200", headers.Single(h => h.NameString == ":status").ValueString);
        Assert.Equal("plain text\n", System.Text.Encoding.ASCII.GetString(body));
    }

    // ---- client role: samples/Client against a raw server ----

    [Fact]
    public void Client_answers_data_after_end_stream_both_ways_with_goaway_stream_closed()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            WriteResponse(s, w);
            FrameWriter.WriteData(w, 1, "late"u8, endStream: false);
        });
        Assert.Equal(["GoAway 0 StreamClosed"], frames);
    }

    [Fact]
    public void Client_answers_headers_after_end_stream_both_ways_with_goaway_stream_closed()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            WriteResponse(s, w);
            byte[] late = s.EncodeHeaders(new HeaderField("x-trailer", "late"));
            FrameWriter.WriteHeaders(w, 1, late, endStream: true, endHeaders: true);
        });
        Assert.Equal(["GoAway 0 StreamClosed"], frames);
    }

    [Fact]
    public void Client_ignores_window_update_and_rst_stream_after_end_stream_both_ways()
    {
        // Nothing is answered; the client then says goodbye as it always does.
        var frames = RunClientAgainst((s, w) =>
        {
            WriteResponse(s, w);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        Assert.Equal(["GoAway 0 NoError"], frames);
    }

    [Fact]
    public void Client_answers_priority_making_an_idle_stream_depend_on_itself_with_rst_stream_protocol_error()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WritePriority(w, 3, new PriorityInfo(3, 16, false));
            WriteResponse(s, w);
        });
        Assert.Equal(["RstStream 3 ProtocolError", "GoAway 0 NoError"], frames);
    }

    [Fact]
    public void Client_answers_data_after_a_reset_it_received_with_rst_stream_stream_closed()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WriteRstStream(w, 1, ErrorCode.InternalError);
            FrameWriter.WriteData(w, 1, "late"u8, endStream: true);
        });
        Assert.Equal("RstStream 1 StreamClosed", frames[0]);
    }

    [Fact]
    public void Client_discards_frames_on_a_stream_it_reset()
    {
        // A connection-specific field makes the response malformed (RFC 9113 8.2.2): the client
        // resets stream 1, then drops the DATA and trailers that were already on their way.
        var frames = RunClientAgainst((s, w) =>
        {
            byte[] bad = s.EncodeHeaders(new HeaderField(":status", "200"), new HeaderField("connection", "close"));
            byte[] trailers = s.EncodeHeaders(new HeaderField("x-trailer", "late"));
            FrameWriter.WriteHeaders(w, 1, bad, endStream: false, endHeaders: true);
            FrameWriter.WriteData(w, 1, "dropped"u8, endStream: false);
            FrameWriter.WriteHeaders(w, 1, trailers, endStream: true, endHeaders: true);
        });
        Assert.Equal("RstStream 1 ProtocolError", frames[0]);
        Assert.DoesNotContain(frames, f => f.StartsWith("GoAway", StringComparison.Ordinal) && f != "GoAway 0 NoError");
        Assert.Equal(1, frames.Count(f => f.StartsWith("RstStream", StringComparison.Ordinal)));
    }

    [Fact]
    public void Client_answers_headers_after_a_reset_it_received_with_rst_stream_stream_closed()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            byte[] late = s.EncodeHeaders(new HeaderField(":status", "200"));
            FrameWriter.WriteRstStream(w, 1, ErrorCode.InternalError);
            FrameWriter.WriteHeaders(w, 1, late, endStream: true, endHeaders: true);
        });
        Assert.Equal("RstStream 1 StreamClosed", frames[0]);
    }

    [Fact]
    public void Client_ignores_window_update_rst_stream_and_priority_after_a_reset_it_received()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WriteRstStream(w, 1, ErrorCode.InternalError);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        Assert.Equal(["GoAway 0 NoError"], frames);
    }

    [Fact]
    public void Client_ignores_window_update_rst_stream_and_priority_on_a_stream_it_reset()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            byte[] bad = s.EncodeHeaders(new HeaderField(":status", "200"), new HeaderField("connection", "close"));
            FrameWriter.WriteHeaders(w, 1, bad, endStream: false, endHeaders: true);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        Assert.Equal(["RstStream 1 ProtocolError", "GoAway 0 NoError"], frames);
    }

    [Fact]
    public void Client_answers_a_response_that_depends_on_its_own_stream_with_rst_stream_protocol_error()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            byte[] block = s.EncodeHeaders(new HeaderField(":status", "200"));
            FrameWriter.WriteHeaders(w, 1, block, endStream: true, endHeaders: true, new PriorityInfo(1, 16, false));
        });
        Assert.Equal(["RstStream 1 ProtocolError", "GoAway 0 NoError"], frames);
    }

    [Fact]
    public void Client_answers_data_on_half_closed_remote_with_rst_stream_stream_closed()
    {
        // A POST larger than the initial window: the server answers and ends its side while the
        // client's body waits for window, so stream 1 is half-closed (remote) at the client.
        string body = Path.Combine(Path.GetTempPath(), $"h2sharp-late-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(body, new byte[100_000]);
        try
        {
            var frames = RunClientAgainst(
                (s, w) =>
                {
                    WriteResponse(s, w);
                    FrameWriter.WriteData(w, 1, "late"u8, endStream: false);
                },
                ["--timeout", "10", "--post", body],
                f => f.Type == FrameType.Headers && f.StreamId == 1);
            Assert.Equal("RstStream 1 StreamClosed", frames.First(f => !f.StartsWith("Data 1", StringComparison.Ordinal)));
            Assert.DoesNotContain(frames, f => f.StartsWith("GoAway", StringComparison.Ordinal) && f != "GoAway 0 NoError");
        }
        finally
        {
            File.Delete(body);
        }
    }

    [Fact]
    public void Client_that_received_goaway_answers_data_after_end_stream_both_ways_with_goaway_stream_closed()
    {
        // GOAWAY with last stream id 1: stream 1 is still processed, and once it closed by
        // END_STREAM both ways, late DATA on it is the same connection error as without GOAWAY.
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WriteGoAway(w, 1, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            WriteResponse(s, w);
            FrameWriter.WriteData(w, 1, "late"u8, endStream: false);
        });
        Assert.Equal(["GoAway 0 StreamClosed"], frames);
    }

    [Fact]
    public void Client_answers_data_on_a_stream_refused_by_goaway_with_rst_stream_stream_closed()
    {
        // GOAWAY with last stream id 0: stream 1 was never processed, the client closes it as
        // reset by the server, and DATA that follows is a stream error STREAM_CLOSED.
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WriteGoAway(w, 0, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            FrameWriter.WriteData(w, 1, "late"u8, endStream: true);
        });
        Assert.Equal("RstStream 1 StreamClosed", frames[0]);
    }

    [Fact]
    public void Client_answers_headers_on_half_closed_remote_with_rst_stream_stream_closed()
    {
        var frames = RunPostAgainst((s, w) =>
        {
            WriteResponse(s, w);
            byte[] late = s.EncodeHeaders(new HeaderField("x-trailer", "late"));
            FrameWriter.WriteHeaders(w, 1, late, endStream: true, endHeaders: true);
        });
        Assert.Equal("RstStream 1 StreamClosed", frames.First(f => !f.StartsWith("Data 1", StringComparison.Ordinal)));
        Assert.DoesNotContain(frames, f => f.StartsWith("GoAway", StringComparison.Ordinal) && f != "GoAway 0 NoError");
    }

    [Fact]
    public void Client_takes_window_update_priority_and_rst_stream_on_half_closed_remote()
    {
        // WINDOW_UPDATE and PRIORITY are not answered (the PING's ACK comes first); RST_STREAM
        // closes the stream as reset by the peer, so the DATA after it is a stream error STREAM_CLOSED.
        var frames = RunPostAgainst((s, w) =>
        {
            WriteResponse(s, w);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 32, false));
            FrameWriter.WritePing(w, 7, ack: false);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WriteData(w, 1, "late"u8, endStream: false);
        });
        var answers = frames.Where(f => !f.StartsWith("Data 1", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Ping 0 NoError", "RstStream 1 StreamClosed"], answers.Take(2));
        Assert.DoesNotContain(answers, f => f.StartsWith("GoAway", StringComparison.Ordinal) && f != "GoAway 0 NoError");
    }

    [Fact]
    public void Client_that_received_goaway_answers_headers_after_end_stream_both_ways_with_goaway_stream_closed()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WriteGoAway(w, 1, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            WriteResponse(s, w);
            byte[] late = s.EncodeHeaders(new HeaderField("x-trailer", "late"));
            FrameWriter.WriteHeaders(w, 1, late, endStream: true, endHeaders: true);
        });
        Assert.Equal(["GoAway 0 StreamClosed"], frames);
    }

    [Fact]
    public void Client_that_received_goaway_ignores_window_update_rst_stream_and_priority_after_end_stream_both_ways()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WriteGoAway(w, 1, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            WriteResponse(s, w);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        Assert.Equal(["GoAway 0 NoError"], frames);
    }

    [Fact]
    public void Client_answers_headers_on_a_stream_refused_by_goaway_with_rst_stream_stream_closed()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            byte[] late = s.EncodeHeaders(new HeaderField(":status", "200"));
            FrameWriter.WriteGoAway(w, 0, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            FrameWriter.WriteHeaders(w, 1, late, endStream: true, endHeaders: true);
        });
        Assert.Equal("RstStream 1 StreamClosed", frames[0]);
    }

    [Fact]
    public void Client_ignores_window_update_rst_stream_and_priority_on_a_stream_refused_by_goaway()
    {
        var frames = RunClientAgainst((s, w) =>
        {
            FrameWriter.WriteGoAway(w, 0, ErrorCode.NoError, ReadOnlySpan<byte>.Empty);
            FrameWriter.WriteWindowUpdate(w, 1, 100);
            FrameWriter.WriteRstStream(w, 1, ErrorCode.Cancel);
            FrameWriter.WritePriority(w, 1, new PriorityInfo(0, 16, false));
        });
        Assert.Equal(["GoAway 0 NoError"], frames);
    }

    [Fact]
    public void Client_ignores_self_dependency_once_the_server_sent_no_rfc7540_priorities()
    {
        // RFC 9218 2.1: with SETTINGS_NO_RFC7540_PRIORITIES = 1 the RFC 7540 scheme is off, its
        // faults included: neither the PRIORITY nor the response's priority fields are answered.
        var frames = RunClientAgainst(
            (s, w) =>
            {
                FrameWriter.WritePriority(w, 3, new PriorityInfo(3, 16, false));
                byte[] block = s.EncodeHeaders(new HeaderField(":status", "200"));
                FrameWriter.WriteHeaders(w, 1, block, endStream: true, endHeaders: true, new PriorityInfo(1, 16, false));
            },
            serverSettings: [new Setting(SettingCode.NoRfc7540Priorities, 1)]);
        Assert.Equal(["GoAway 0 NoError"], frames);
    }

    // ---- helpers ----

    private RawH2Peer ConnectToServer(params Setting[] settings)
    {
        var tcp = new TcpClient();
        tcp.Connect(IPAddress.Loopback, server.CleartextPort);
        var peer = new RawH2Peer(tcp.GetStream());
        peer.WriteRaw(RawH2Peer.ClientPreface);
        peer.Write(w => FrameWriter.WriteSettings(w, settings));
        bool theirs = false, ack = false;
        while (!(theirs && ack))
        {
            var frame = peer.ReadFrame();
            if (frame.Type == FrameType.Settings && frame.Flags.HasFlag(FrameFlags.Ack))
            {
                ack = true;
            }
            else if (frame.Type == FrameType.Settings)
            {
                theirs = true;
                peer.Write(w => FrameWriter.WriteSettingsAck(w));
            }
        }

        return peer;
    }

    private static HeaderField[] Request(string path) =>
        [new(":method", "GET"), new(":scheme", "http"), new(":authority", "127.0.0.1"), new(":path", path)];

    private static void SendGet(RawH2Peer peer, int streamId, string path, params HeaderField[] extra)
    {
        byte[] block = peer.EncodeHeaders([.. Request(path), .. extra]);
        peer.Write(w => FrameWriter.WriteHeaders(w, streamId, block, endStream: true, endHeaders: true));
    }

    private static (List<HeaderField> Headers, byte[] Body, List<RawFrame> Frames) GetAndReadResponse(RawH2Peer peer, int streamId, string path, params HeaderField[] extra)
    {
        SendGet(peer, streamId, path, extra);
        return peer.ReadResponse(streamId);
    }

    /// <summary>The next frame that is not SETTINGS or WINDOW_UPDATE (answering SETTINGS), optionally skipping some frames of one stream.</summary>
    private static RawFrame NextSignificant(RawH2Peer peer, int skipStream = -1, FrameType[]? skipTypes = null)
    {
        while (true)
        {
            var frame = peer.ReadFrame();
            if (frame.Type == FrameType.Settings)
            {
                if (!frame.Flags.HasFlag(FrameFlags.Ack))
                {
                    peer.Write(w => FrameWriter.WriteSettingsAck(w));
                }

                continue;
            }

            if (frame.Type == FrameType.WindowUpdate
                || (frame.StreamId == skipStream && (skipTypes is null ? frame.Type is FrameType.Headers or FrameType.Data : skipTypes.Contains(frame.Type))))
            {
                continue;
            }

            return frame;
        }
    }

    /// <summary>Sends a PING and asserts that its ACK is the next significant frame: nothing else was answered.</summary>
    private static void AssertOnlyPingAck(RawH2Peer peer, int skipStream = -1)
    {
        const ulong marker = 0x4C41_5445_0000_0001;
        peer.Write(w => FrameWriter.WritePing(w, marker, ack: false));
        var frame = NextSignificant(peer, skipStream);
        Assert.Equal("Ping 0 NoError", Describe(frame));
        Assert.True(frame.Flags.HasFlag(FrameFlags.Ack), "expected PING ACK");
        Assert.Equal(marker, frame.PingData);
    }

    private static void AssertClosed(RawH2Peer peer)
    {
        // After GOAWAY the server closes the connection: the read ends (no hang).
        Assert.ThrowsAny<Exception>(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                peer.ReadFrame();
            }
        });
    }

    private static string Describe(RawFrame f) => $"{f.Type} {f.StreamId} {f.ErrorCode}";

    private static void WriteResponse(RawH2Peer s, ArrayBufferWriter<byte> w)
    {
        byte[] block = s.EncodeHeaders(new HeaderField(":status", "200"), new HeaderField("content-length", "5"));
        FrameWriter.WriteHeaders(w, 1, block, endStream: false, endHeaders: true);
        FrameWriter.WriteData(w, 1, "hello"u8, endStream: true);
    }

    /// <summary>
    /// A POST larger than the initial window: the script starts once the request HEADERS came, and
    /// when it ends the response, stream 1 is half-closed (remote) at the client while its body
    /// waits for window (the client runs until its --timeout).
    /// </summary>
    private static List<string> RunPostAgainst(Action<RawH2Peer, ArrayBufferWriter<byte>> script)
    {
        string body = Path.Combine(Path.GetTempPath(), $"h2sharp-late-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(body, new byte[100_000]);
        try
        {
            return RunClientAgainst(script, ["--timeout", "10", "--post", body], f => f.Type == FrameType.Headers && f.StreamId == 1);
        }
        finally
        {
            File.Delete(body);
        }
    }

    /// <summary>
    /// Runs samples/Client against a raw server on a free loopback port: handshake, reads the
    /// request on stream 1, then lets <paramref name="script"/> write. Everything the client sends
    /// after the request is returned as "Type stream code" (SETTINGS and WINDOW_UPDATE left out).
    /// The script's frames go out in one TCP write, so the client reads them in one batch.
    /// </summary>
    private static List<string> RunClientAgainst(Action<RawH2Peer, ArrayBufferWriter<byte>> script, string[]? clientArgs = null, Func<RawFrame, bool>? requestSeen = null, Setting[]? serverSettings = null)
    {
        // By default the script starts once the request ended (END_STREAM on stream 1).
        requestSeen ??= f => f.Type is FrameType.Headers or FrameType.Data && f.StreamId == 1 && f.EndStream;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var frames = new List<string>();
        var serverTask = Task.Run(() =>
        {
            using var socket = listener.AcceptTcpClient();
            using var s = new RawH2Peer(socket.GetStream());
            Assert.Equal(RawH2Peer.ClientPreface, s.ReadExactly(RawH2Peer.ClientPreface.Length));
            s.Write(w => FrameWriter.WriteSettings(w, serverSettings ?? []));
            RawFrame frame;
            do
            {
                frame = s.ReadFrame();
                if (frame.Type == FrameType.Settings && !frame.Flags.HasFlag(FrameFlags.Ack))
                {
                    s.Write(w => FrameWriter.WriteSettingsAck(w));
                }
            }
            while (!requestSeen(frame));

            s.Write(w => script(s, w));
            try
            {
                while (true)
                {
                    frame = s.ReadFrame();
                    if (frame.Type is not (FrameType.Settings or FrameType.WindowUpdate))
                    {
                        lock (frames)
                        {
                            frames.Add(Describe(frame));
                        }
                    }
                }
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException)
            {
                // the client closed the connection
            }
        });

        string args = string.Join(' ', (clientArgs ?? []).Select(a => $"\"{a}\"")) + $" http://127.0.0.1:{port}/x";
        using (SampleProgram.Run("Client", args.TrimStart(), ClientTimeout, out _))
        {
        }

        Assert.True(serverTask.Wait(TimeSpan.FromSeconds(30)), "the raw server did not see the connection end");
        lock (frames)
        {
            Assert.NotEmpty(frames);
            return [.. frames];
        }
    }
}
