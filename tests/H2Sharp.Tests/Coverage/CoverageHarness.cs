using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Coverage;

/// <summary>The set-up the coverage tests share: a harness of either role and a stream open both ways.</summary>
internal static class CoverageHarness
{
    public static ConnectionHarness Make(bool client) => client ? ConnectionHarness.Client() : ConnectionHarness.Server();

    /// <summary>A stream with headers exchanged both ways and both sides open (id 1).</summary>
    public static int OpenStream(ConnectionHarness h, bool client)
    {
        if (client)
        {
            int id = h.SendRequest(endStream: false);
            h.Receive(h.Peer.Headers(id, FrameFactory.Response()));
            return id;
        }

        h.ReceiveRequest(1, endStream: false);
        h.Connection.SendHeaders(1, FrameFactory.Response());
        h.Drain();
        return 1;
    }
}
