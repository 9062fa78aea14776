using System;
using System.Collections.Generic;

namespace H2Sharp.Events;

/// <summary>
/// The server advertised an RFC 7838 alternative service (client side; h2's <c>AlternativeServiceAvailable</c>).
/// </summary>
public sealed record AlternativeServiceAvailable : H2Event
{
    /// <summary>The origin the advertisement applies to.</summary>
    public ReadOnlyMemory<byte> Origin { get; init; }

    /// <summary>The Alt-Svc field value, unparsed.</summary>
    public ReadOnlyMemory<byte> FieldValue { get; init; }
}
