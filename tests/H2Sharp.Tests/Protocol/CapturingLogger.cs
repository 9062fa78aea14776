using Microsoft.Extensions.Logging;

namespace H2Sharp.Tests.Protocol;

/// <summary>An ILogger that records formatted lines at or above a minimum level and counts every call.</summary>
internal sealed class CapturingLogger(LogLevel minimum) : ILogger
{
    public List<string> Lines { get; } = [];

    public int LogCalls { get; private set; }

    public int IsEnabledCalls { get; private set; }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel)
    {
        IsEnabledCalls++;
        return logLevel >= minimum;
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        LogCalls++;
        if (logLevel >= minimum)
        {
            Lines.Add($"{logLevel} {eventId.Name}: {formatter(state, exception)}");
        }
    }
}
