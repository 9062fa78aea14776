using System;
using H2Sharp.Frames;
using Microsoft.Extensions.Logging;

namespace H2Sharp;

/// <summary>
/// Traces every frame sent and received at <see cref="LogLevel.Trace"/>, one line each, using the
/// frames' <c>ToString</c>. Nothing is parsed or formatted unless Trace is enabled. Sent frames are
/// traced when they leave the outbound buffer (or are cleared from it), and before and after
/// each <see cref="H2Connection.ReceiveData(System.ReadOnlySpan{byte})"/>, so the lines keep the order of events.
/// </summary>
internal sealed class FrameTracer
{
    private static readonly Action<ILogger, string, string, Exception?> SentMessage =
        LoggerMessage.Define<string, string>(LogLevel.Trace, new EventId(1, "FrameSent"), "{Role} sent {Frame}");

    private static readonly Action<ILogger, string, string, Exception?> ReceivedMessage =
        LoggerMessage.Define<string, string>(LogLevel.Trace, new EventId(2, "FrameReceived"), "{Role} received {Frame}");

    private readonly ILogger _logger;
    private readonly string _role;
    private bool _prefacePending;

    /// <summary>Octets at the front of the outbound buffer that were already traced.</summary>
    private int _traced;

    public FrameTracer(ILogger logger, bool client)
    {
        _logger = logger;
        _role = client ? "client" : "server";
        _prefacePending = client;
    }

    /// <summary>Traces a received frame before it is handled.</summary>
    public void Received(in FrameHeader header, ReadOnlySpan<byte> payload)
    {
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            ReceivedMessage(_logger, _role, FrameDescriber.DescribeOrHeader(header, payload), null);
        }
    }

    /// <summary>Traces the frames queued in <paramref name="pending"/> since the last call.</summary>
    public void Flush(ReadOnlySpan<byte> pending)
    {
        if (_traced >= pending.Length)
        {
            return;
        }

        var rest = pending[_traced..];
        _traced = pending.Length;
        if (!_logger.IsEnabled(LogLevel.Trace))
        {
            _prefacePending = false;
            return;
        }

        if (_prefacePending && rest.StartsWith(PrefaceReceiver.Preface))
        {
            SentMessage(_logger, _role, "connection preface", null);
            rest = rest[PrefaceReceiver.Preface.Length..];
        }

        _prefacePending = false;
        while (rest.Length >= FrameHeader.Size)
        {
            var header = FrameHeader.Read(rest);
            int length = Math.Min(header.Length, rest.Length - FrameHeader.Size);
            SentMessage(_logger, _role, FrameDescriber.DescribeOrHeader(header, rest.Slice(FrameHeader.Size, length)), null);
            rest = rest[(FrameHeader.Size + length)..];
        }
    }

    /// <summary>Traces what is pending, then forgets the <paramref name="count"/> octets about to leave the buffer.</summary>
    public void Consumed(ReadOnlySpan<byte> pending, int count)
    {
        Flush(pending);
        _traced -= Math.Min(count, _traced);
    }

    /// <summary>Traces what is pending before the buffer is cleared.</summary>
    public void Cleared(ReadOnlySpan<byte> pending)
    {
        Flush(pending);
        _traced = 0;
    }
}
