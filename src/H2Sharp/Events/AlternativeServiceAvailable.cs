using System;
using System.Text;
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

    /// <summary>Prints the members with header lists, byte payloads and settings shown by content (see h2 2.1.1).</summary>
    /// <param name="builder">Where the text goes.</param>
    /// <returns>True: members were printed.</returns>
    protected override bool PrintMembers(StringBuilder builder)
    {
        EventText.Append(builder, nameof(Origin), Origin);
        builder.Append(", ");
        EventText.Append(builder, nameof(FieldValue), FieldValue);
        return true;
    }
}
