using System;
using System.Collections.Generic;
using H2Sharp.Hpack;

namespace H2Sharp.Fuzz.Support;

/// <summary>Keeps the decoded fields of the current block (copied) and their list size.</summary>
public sealed class FieldCollector : IHeaderHandler
{
    /// <summary>The fields received since the last <see cref="Clear"/>.</summary>
    public List<HeaderField> Fields { get; } = [];

    /// <summary>Name + value + 32 summed over <see cref="Fields"/> (RFC 9113 section 6.5.2).</summary>
    public long ListSize { get; private set; }

    /// <inheritdoc/>
    public void OnHeader(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value, bool neverIndexed)
    {
        Fields.Add(new HeaderField(name.ToArray(), value.ToArray(), neverIndexed));
        ListSize += name.Length + value.Length + HeaderField.EntryOverhead;
    }

    /// <summary>Forgets the fields, for the next block.</summary>
    public void Clear()
    {
        Fields.Clear();
        ListSize = 0;
    }
}
