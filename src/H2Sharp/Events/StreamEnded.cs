using System;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The peer ended its side of a stream: nothing more will arrive on it (h2's <c>StreamEnded</c>).
/// </summary>
public sealed record StreamEnded : H2Event
{
    /// <summary>The stream this event concerns.</summary>
    public int StreamId { get; init; }

}
