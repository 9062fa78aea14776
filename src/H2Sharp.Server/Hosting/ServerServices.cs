using System;

namespace H2Sharp.Server;

/// <summary>What every connection of a server shares: the app, the limits, the core's configuration, the log and the instruments.</summary>
internal sealed class ServerServices(
    IH2Application application, H2ServerLimits limits, H2Configuration coreConfiguration, ServerLog log, ServerMetrics metrics,
    Action<H2ServerConnection> connectionClosed)
{
    public IH2Application Application { get; } = application;

    public H2ServerLimits Limits { get; } = limits;

    public H2Configuration CoreConfiguration { get; } = coreConfiguration;

    public ServerLog Log { get; } = log;

    public ServerMetrics Metrics { get; } = metrics;

    public void ConnectionClosed(H2ServerConnection connection) => connectionClosed(connection);
}
