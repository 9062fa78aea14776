namespace H2Sharp.Events;

/// <summary>
/// The base of every event <see cref="H2Connection.ReceiveData(System.ReadOnlySpan{byte})"/> returns (h2's <c>Event</c>).
/// Each event is a sealed record: <c>switch</c> on its type.
/// </summary>
public abstract record H2Event;
