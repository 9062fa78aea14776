using H2Sharp.Events;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Streams;

/// <summary>
/// StreamAdmission is the one owner of which streams may exist: these pin its rules through the
/// public API, and pin that no other file creates streams.
/// </summary>
public class StreamAdmissionTests
{
    [Fact]
    public void A_peer_stream_past_our_limit_is_refused_and_its_late_frames_are_discarded()
    {
        var h = ConnectionHarness.Server(new H2Configuration { ClientSide = false, MaxConcurrentStreams = 1 });
        h.Drain();
        Assert.IsType<RequestReceived>(h.ReceiveRequest(1, endStream: false)[0]);
        var refused = Assert.IsType<StreamReset>(Assert.Single(h.ReceiveRequest(3, endStream: false)));
        Assert.Equal((3, ErrorCode.RefusedStream, false), (refused.StreamId, refused.ErrorCode, refused.RemoteReset));
        Assert.Equal("RST_STREAM 3 RefusedStream", Assert.Single(h.Drain()).ToString());
        // Refused counts as reset by us: its DATA is minimally processed and dropped, not answered.
        Assert.Empty(h.Receive(FrameFactory.Data(3, 10, endStream: true)));
        Assert.DoesNotContain(h.Drain(), f => f.ToString().StartsWith("RST_STREAM", StringComparison.Ordinal));
        Assert.Equal(1, h.Connection.OpenInboundStreams);
    }

    [Fact]
    public void Our_streams_past_the_peer_limit_throw_and_change_nothing()
    {
        var h = ConnectionHarness.Client(null, (SettingCode.MaxConcurrentStreams, 1u));
        int first = h.SendRequest(endStream: false);
        int next = h.Connection.GetNextAvailableStreamId();
        var ex = Assert.Throws<TooManyStreamsException>(() => h.Connection.SendHeaders(next, FrameFactory.Request(), endStream: true));
        Assert.Contains($"open stream {next}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(next, h.Connection.GetNextAvailableStreamId()); // the id was not used up
        Assert.Equal((1, 3), (first, next));
    }

    [Fact]
    public void Stream_ids_must_increase_both_ways()
    {
        var client = ConnectionHarness.Client();
        client.Connection.SendHeaders(5, FrameFactory.Request(), endStream: true);
        Assert.Throws<ArgumentOutOfRangeException>(() => client.Connection.SendHeaders(3, FrameFactory.Request(), endStream: true));

        var server = ConnectionHarness.Server();
        server.ReceiveRequest(5);
        var low = server.ReceiveFails<StreamIdTooLowException>(ErrorCode.ProtocolError, server.Peer.Headers(3, FrameFactory.Request(), true));
        Assert.Equal((3, 5), (low.AttemptedStreamId, low.MaxStreamId));
    }

    [Fact]
    public void Only_the_admission_owner_creates_streams()
    {
        string src = Path.Combine(RepoRoot(), "src", "H2Sharp");
        var creators = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("Streams.Create(", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Equal(["StreamAdmission.cs"], creators);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "H2Sharp.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("H2Sharp.slnx not found above the test output");
    }
}
