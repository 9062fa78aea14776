using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace H2Sharp.Server;

/// <summary>
/// The server's instruments (meter <see cref="H2Server.MeterName"/>), named like ASP.NET Core's
/// own server metrics (<c>kestrel.active_connections</c> becomes <c>h2sharp.server.active_connections</c>).
/// docs/server.md lists them.
/// </summary>
internal sealed class ServerMetrics
{
    private readonly UpDownCounter<long> _activeConnections;
    private readonly Histogram<double> _connectionDuration;
    private readonly Counter<long> _rejectedConnections;
    private readonly UpDownCounter<long> _activeStreams;
    private readonly Counter<long> _streams;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _bytesSent;
    private readonly Counter<long> _resets;
    private readonly Counter<long> _goAways;
    private readonly Counter<long> _bodyTooLarge;
    private readonly Histogram<double> _tlsHandshakeDuration;

    public ServerMetrics(Meter meter)
    {
        _activeConnections = meter.CreateUpDownCounter<long>("h2sharp.server.active_connections", "{connection}", "Connections open now.");
        _connectionDuration = meter.CreateHistogram<double>("h2sharp.server.connection.duration", "s", "How long connections lasted.");
        _rejectedConnections = meter.CreateCounter<long>("h2sharp.server.rejected_connections", "{connection}", "Connections closed at once because MaxConcurrentConnections was reached.");
        _activeStreams = meter.CreateUpDownCounter<long>("h2sharp.server.active_streams", "{stream}", "Requests in flight.");
        _streams = meter.CreateCounter<long>("h2sharp.server.streams", "{stream}", "Requests received.");
        _bytesReceived = meter.CreateCounter<long>("h2sharp.server.bytes_received", "By", "Bytes read from connections (after TLS).");
        _bytesSent = meter.CreateCounter<long>("h2sharp.server.bytes_sent", "By", "Bytes written to connections (before TLS).");
        _resets = meter.CreateCounter<long>("h2sharp.server.stream_resets", "{stream}", "RST_STREAM frames, by error code and side.");
        _goAways = meter.CreateCounter<long>("h2sharp.server.goaways", "{frame}", "GOAWAY frames, by error code and side.");
        _bodyTooLarge = meter.CreateCounter<long>("h2sharp.server.request_body_too_large", "{request}", "Requests whose body passed MaxRequestBodySize.");
        _tlsHandshakeDuration = meter.CreateHistogram<double>("h2sharp.server.tls_handshake.duration", "s", "How long TLS handshakes took.");
    }

    public void ConnectionOpened() => _activeConnections.Add(1);

    public void ConnectionClosed(long startTimestamp)
    {
        _activeConnections.Add(-1);
        _connectionDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
    }

    public void ConnectionRejected() => _rejectedConnections.Add(1);

    public void StreamOpened()
    {
        _streams.Add(1);
        _activeStreams.Add(1);
    }

    public void StreamClosed() => _activeStreams.Add(-1);

    public void Received(long bytes) => _bytesReceived.Add(bytes);

    public void Sent(long bytes) => _bytesSent.Add(bytes);

    public void Reset(ErrorCode code, bool remote) =>
        _resets.Add(1, new KeyValuePair<string, object?>("error.type", ErrorName(code)), new KeyValuePair<string, object?>("h2sharp.side", remote ? "client" : "server"));

    public void GoAway(ErrorCode code, bool remote) =>
        _goAways.Add(1, new KeyValuePair<string, object?>("error.type", ErrorName(code)), new KeyValuePair<string, object?>("h2sharp.side", remote ? "client" : "server"));

    public void BodyTooLarge() => _bodyTooLarge.Add(1);

    public void TlsHandshake(long startTimestamp, bool succeeded) =>
        _tlsHandshakeDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("h2sharp.succeeded", succeeded));

    private static string ErrorName(ErrorCode code) => code switch
    {
        ErrorCode.NoError => "NO_ERROR",
        ErrorCode.ProtocolError => "PROTOCOL_ERROR",
        ErrorCode.InternalError => "INTERNAL_ERROR",
        ErrorCode.FlowControlError => "FLOW_CONTROL_ERROR",
        ErrorCode.SettingsTimeout => "SETTINGS_TIMEOUT",
        ErrorCode.StreamClosed => "STREAM_CLOSED",
        ErrorCode.FrameSizeError => "FRAME_SIZE_ERROR",
        ErrorCode.RefusedStream => "REFUSED_STREAM",
        ErrorCode.Cancel => "CANCEL",
        ErrorCode.CompressionError => "COMPRESSION_ERROR",
        ErrorCode.ConnectError => "CONNECT_ERROR",
        ErrorCode.EnhanceYourCalm => "ENHANCE_YOUR_CALM",
        ErrorCode.InadequateSecurity => "INADEQUATE_SECURITY",
        ErrorCode.Http11Required => "HTTP_1_1_REQUIRED",
        _ => "UNKNOWN",
    };
}
