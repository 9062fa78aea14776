using System;
using System.Collections.Generic;
using H2Sharp.Events;
using H2Sharp.Frames;
using H2Sharp.Fuzz.Support;

namespace H2Sharp.Fuzz.Targets;

/// <summary>
/// Targets "connection-server" and "connection-client": <see cref="H2Connection.ReceiveData(ReadOnlySpan{byte})"/>
/// on arbitrary bytes after the right opening. Input: a selector byte, then what the peer sends
/// after its opening. The server role first receives the client preface and an empty SETTINGS;
/// the client role has sent requests on streams 1, 3 and 5 and first receives an empty
/// SETTINGS. The whole stream is cut as the selector's low bits say (<see cref="Slicer"/>);
/// selector bit 6 makes the harness act on events (answer requests, acknowledge data, drain
/// the outbound buffer) to reach more states; bit 7 uses <see cref="TightConfiguration"/>, so
/// small inputs reach the limits.
/// </summary>
/// <remarks>
/// Only <see cref="H2Exception"/> subtypes may escape, and a <see cref="ProtocolException"/>
/// wrapping an undocumented exception (the connection's INTERNAL_ERROR safety net) counts as a
/// crash too: it hides a bug. After a throw, the outbound data must end with a GOAWAY carrying
/// the exception's error code, and later calls must return no events. When the harness does
/// not drain it, the outbound buffer never holds more than
/// <see cref="H2Configuration.MaxOutboundBufferedControlBytes"/> plus one answer.
/// </remarks>
public static class ConnectionTarget
{
    private static readonly byte[] ClientPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();
    private static readonly byte[] EmptySettings = [0, 0, 0, 4, 0, 0, 0, 0, 0];
    private static readonly HeaderField[] Request = [new(":method", "GET"), new(":scheme", "http"), new(":path", "/"), new(":authority", "fuzz")];
    private static readonly HeaderField[] Response = [new(":status", "200"), new("content-type", "text/plain")];

    /// <summary>Runs the target in the server role.</summary>
    /// <param name="input">Selector byte, then the client's bytes after its preface and SETTINGS.</param>
    public static void RunServer(ReadOnlySpan<byte> input) => Run(input, clientSide: false);

    /// <summary>Runs the target in the client role.</summary>
    /// <param name="input">Selector byte, then the server's bytes after its SETTINGS.</param>
    public static void RunClient(ReadOnlySpan<byte> input) => Run(input, clientSide: true);

    private static void Run(ReadOnlySpan<byte> input, bool clientSide)
    {
        if (input.IsEmpty)
        {
            return;
        }

        byte selector = input[0];
        bool responsive = (selector & 0x40) != 0;
        H2Configuration config = (selector & 0x80) != 0 ? TightConfiguration(clientSide) : new H2Configuration { ClientSide = clientSide };
        var connection = new H2Connection(config);
        connection.InitiateConnection();
        if (clientSide)
        {
            for (int i = 0; i < 3; i++)
            {
                connection.SendHeaders(connection.GetNextAvailableStreamId(), Request, endStream: i != 1);
            }
        }

        connection.ClearOutboundDataBuffer();
        byte[] stream = clientSide ? [.. EmptySettings, .. input[1..]] : [.. ClientPreface, .. EmptySettings, .. input[1..]];
        var slicer = new Slicer(stream, (byte)(selector & 0x3F));
        while (slicer.Next(out ReadOnlySpan<byte> slice))
        {
            IReadOnlyList<H2Event> events;
            try
            {
                events = connection.ReceiveData(slice);
            }
            catch (H2Exception e)
            {
                CheckFailure(connection, e);
                return;
            }

            foreach (H2Event e in events)
            {
                FuzzInvariantException.Check(e is not null, "ReceiveData returned a null event.");
                _ = e!.ToString();
                if (responsive)
                {
                    Act(connection, e);
                }
            }

            if (responsive)
            {
                connection.ClearOutboundDataBuffer();
            }
            else
            {
                FuzzInvariantException.Check(connection.OutboundDataLength <= config.MaxOutboundBufferedControlBytes + MaxAnswerSize,
                    $"The peer made the connection queue {connection.OutboundDataLength} octets; the limit is {config.MaxOutboundBufferedControlBytes}.");
            }
        }
    }

    // The largest automatic answer (PING ACK or GOAWAY, 17 octets) with a wide margin.
    private const int MaxAnswerSize = 64;

    /// <summary>Every limit small, so that short inputs reach them.</summary>
    /// <param name="clientSide">The role.</param>
    /// <returns>The configuration.</returns>
    public static H2Configuration TightConfiguration(bool clientSide) => new()
    {
        ClientSide = clientSide,
        InitialWindowSize = 100,
        MaxConcurrentStreams = 2,
        MaxHeaderListSize = 512,
        HeaderTableSize = 256,
        MaxClosedStreams = 4,
        MaxHeaderBlockSize = 1024,
        MaxContinuationFrames = 2,
        MaxOutboundBufferedControlBytes = 256,
    };

    private static void CheckFailure(H2Connection connection, H2Exception e)
    {
        if (e.InnerException is not null and not H2Exception)
        {
            throw new FuzzInvariantException(
                $"ReceiveData wrapped an undocumented {e.InnerException.GetType().Name} in {e.GetType().Name}: {e.InnerException.Message}", e.InnerException);
        }

        if (e is not ProtocolException protocol)
        {
            return;
        }

        byte[] sent = connection.DataToSend();
        FrameHeader? last = LastFrame(sent, out ReadOnlySpan<byte> payload);
        FuzzInvariantException.Check(last is { Type: FrameType.GoAway },
            $"{e.GetType().Name} ({protocol.ErrorCode}) thrown but the outbound data ({sent.Length} octets) does not end with GOAWAY.");
        var goAway = GoAwayFrame.Parse(last!.Value, payload);
        FuzzInvariantException.Check(goAway.ErrorCode == protocol.ErrorCode,
            $"{e.GetType().Name} ({protocol.ErrorCode}) thrown but the GOAWAY says {goAway.ErrorCode}.");
        FuzzInvariantException.Check(connection.ReceiveData(EmptySettings).Count == 0, "A failed connection still gives events.");
    }

    // Walks the frames of the outbound bytes (what the connection wrote after the opening was
    // cleared) and returns the last whole one.
    private static FrameHeader? LastFrame(ReadOnlySpan<byte> sent, out ReadOnlySpan<byte> payload)
    {
        FrameHeader? last = null;
        payload = default;
        while (sent.Length >= FrameHeader.Size)
        {
            FrameHeader header = FrameHeader.Read(sent);
            if (sent.Length < FrameHeader.Size + header.Length)
            {
                throw new FuzzInvariantException($"The outbound data ends inside a {header.Type} frame.");
            }

            last = header;
            payload = sent.Slice(FrameHeader.Size, header.Length);
            sent = sent[(FrameHeader.Size + header.Length)..];
        }

        FuzzInvariantException.Check(sent.IsEmpty, "The outbound data ends inside a frame header.");
        return last;
    }

    // What a simple application does with each event. Its own mistakes (acting on a stream the
    // peer just reset) are documented caller exceptions from the action, not findings.
    private static void Act(H2Connection connection, H2Event e)
    {
        try
        {
            switch (e)
            {
                case RequestReceived request:
                    connection.SendHeaders(request.StreamId, Response);
                    connection.SendData(request.StreamId, "fuzz"u8, endStream: true);
                    break;
                case DataReceived data:
                    connection.AcknowledgeReceivedData(data.FlowControlledLength, data.StreamId);
                    break;
                case ResponseReceived response:
                    connection.ResetStream(response.StreamId, ErrorCode.Cancel);
                    break;
                default:
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
        }
    }
}
