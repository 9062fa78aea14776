using System;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Server;

/// <summary>The server's log messages (category <c>H2Sharp.Server</c>), made once by the logging source generator.</summary>
internal sealed partial class ServerLog
{
    private readonly ILogger _logger;

    public ServerLog(ILogger logger) => _logger = logger;

    [LoggerMessage(1, LogLevel.Debug, "Connection {ConnectionId} accepted from {RemoteEndPoint}.")]
    public partial void ConnectionAccepted(string connectionId, string? remoteEndPoint);

    [LoggerMessage(2, LogLevel.Debug, "Connection {ConnectionId} closed: {Reason}.")]
    public partial void ConnectionClosed(string connectionId, string reason);

    [LoggerMessage(3, LogLevel.Information, "Connection {ConnectionId}: protocol error {ErrorCode}: {Message}")]
    public partial void ProtocolError(string connectionId, ErrorCode errorCode, string message);

    [LoggerMessage(4, LogLevel.Error, "Connection {ConnectionId}, stream {StreamId}: the application failed.")]
    public partial void ApplicationError(string connectionId, int streamId, Exception exception);

    [LoggerMessage(5, LogLevel.Debug, "Connection {ConnectionId}: TLS handshake failed.")]
    public partial void HandshakeFailed(string connectionId, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "Connection {ConnectionId} closed by a limit: {Limit}.")]
    public partial void LimitReached(string connectionId, string limit);

    [LoggerMessage(7, LogLevel.Warning, "Connection refused: MaxConcurrentConnections ({Limit}) reached.")]
    public partial void ConnectionRejected(long limit);

    [LoggerMessage(8, LogLevel.Information, "Listening on {EndPoint} ({Kind}).")]
    public partial void Listening(string endPoint, string kind);

    [LoggerMessage(9, LogLevel.Debug, "Connection {ConnectionId}: the transport failed.")]
    public partial void TransportError(string connectionId, Exception exception);
}
