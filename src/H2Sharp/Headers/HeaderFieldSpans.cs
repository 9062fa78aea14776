using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace H2Sharp.Headers;

/// <summary>Views a header list as a span so the rules run over contiguous memory, without interface calls per field.</summary>
internal static class HeaderFieldSpans
{
    /// <summary>
    /// The fields of <paramref name="headers"/> as a span: arrays and <see cref="List{T}"/> without
    /// copying (the span is valid while the list is not modified), any other list copied once.
    /// </summary>
    public static ReadOnlySpan<HeaderField> AsSpan(IReadOnlyList<HeaderField> headers)
    {
        switch (headers)
        {
            case HeaderField[] array: return array;
            case List<HeaderField> list: return CollectionsMarshal.AsSpan(list);
        }
        var copy = new HeaderField[headers.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = headers[i];
        return copy;
    }
}
