using System;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer opened a flow-control window (h2's <c>WindowUpdated</c>). Stream 0 is the connection window.
/// </summary>
public sealed record WindowUpdated : H2Event
{
    /// <summary>The stream whose window opened, or 0 for the connection window.</summary>
    public int StreamId { get; init; }

    /// <summary>The increment.</summary>
    public int Delta { get; init; }
}
