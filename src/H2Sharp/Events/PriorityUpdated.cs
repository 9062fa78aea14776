using System;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer sent RFC 7540 priority information for a stream (h2's <c>PriorityUpdated</c>). Advisory.
/// </summary>
public sealed record PriorityUpdated : H2Event
{
    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

    /// <summary>The new weight, 1 to 256.</summary>
    public int Weight { get; init; }

    /// <summary>The stream this one now depends on; 0 for none.</summary>
    public int DependsOn { get; init; }

    /// <summary>Whether the dependency is exclusive.</summary>
    public bool Exclusive { get; init; }
}
