using System;

namespace H2Sharp;

/// <summary>
/// One live stream: its RFC 9113 state, its two flow-control windows, and the few facts that
/// are not states (which header blocks went each way, the content-length still due, whether
/// the body must be empty). Dropped from memory when it closes.
/// </summary>
internal sealed class H2Stream
{
    /// <summary>The automatic strategy's window; a field so it is updated in place.</summary>
    public ReceiveWindow ReceiveWindow;

    public H2Stream(int id, bool locallyInitiated, int sendWindow, int receiveWindow)
    {
        Id = id;
        LocallyInitiated = locallyInitiated;
        SendWindow = new SendWindow(sendWindow);
        ReceiveWindow = new ReceiveWindow(receiveWindow);
    }

    public int Id { get; }

    /// <summary>True if we opened (or promised) the stream.</summary>
    public bool LocallyInitiated { get; }

    public StreamState State { get; set; }

    /// <summary>What we may still send; negative after the peer shrank SETTINGS_INITIAL_WINDOW_SIZE. A field so it is updated in place.</summary>
    public SendWindow SendWindow;

    /// <summary>Header blocks received so far.</summary>
    public HeaderPhase InboundPhase { get; set; }

    /// <summary>Header blocks sent so far.</summary>
    public HeaderPhase OutboundPhase { get; set; }

    /// <summary>The received content-length; -1 when there is none.</summary>
    public long ContentLength { get; set; } = -1;

    /// <summary>Body octets the received content-length still promises; -1 when there is no content-length.</summary>
    public long ContentLengthRemaining { get; set; } = -1;

    /// <summary>Client: the request we sent was HEAD, so the response has no body whatever its content-length.</summary>
    public bool RequestWasHead { get; set; }

    /// <summary>Client: the :authority (or host) of our request, copied; the origin of an ALTSVC frame on this stream (RFC 7838 section 4).</summary>
    public ReadOnlyMemory<byte> Authority { get; set; }

    /// <summary>The inbound body must be empty (HEAD response, 204, 304; RFC 9110 section 6.4.1).</summary>
    public bool ExpectNoBody { get; set; }
}
