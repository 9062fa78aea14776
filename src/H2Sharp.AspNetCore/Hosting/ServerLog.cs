using System;
using Microsoft.Extensions.Logging;

namespace H2Sharp.AspNetCore;

/// <summary>The server's log messages (category <c>H2Sharp.AspNetCore</c>), made once.</summary>
internal static class ServerLog
{
    private static readonly Action<ILogger, string, string, Exception?> s_applicationError =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(13, "ApplicationError"),
            "Connection id \"{ConnectionId}\", Request id \"{TraceIdentifier}\": An unhandled exception was thrown by the application.");

    private static readonly Action<ILogger, string, string, Exception?> s_callbackFailed =
        LoggerMessage.Define<string, string>(LogLevel.Error, new EventId(14, "OnCompletedFailed"),
            "Connection id \"{ConnectionId}\", Request id \"{TraceIdentifier}\": An OnCompleted callback threw.");

    private static readonly Action<ILogger, string, Exception?> s_listening =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1, "Listening"), "H2Sharp listening on {Address}");

    public static void ApplicationError(ILogger logger, string connectionId, string traceIdentifier, Exception exception) =>
        s_applicationError(logger, connectionId, traceIdentifier, exception);

    public static void CallbackFailed(ILogger logger, string connectionId, string traceIdentifier, Exception exception) =>
        s_callbackFailed(logger, connectionId, traceIdentifier, exception);

    public static void Listening(ILogger logger, string address) => s_listening(logger, address, null);
}
