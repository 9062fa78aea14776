using System;
using System.Collections;
using System.Collections.Generic;

namespace H2Sharp.Server;

/// <summary>
/// The regular fields of a received header list: the list the core made, less its leading
/// pseudo-headers (RFC 9113 section 8.3: "All pseudo-header fields MUST appear in a field block
/// before all regular field lines"). A view, so nothing is copied per request.
/// </summary>
internal sealed class HeaderListView : IReadOnlyList<HeaderField>
{
    private IReadOnlyList<HeaderField> _fields = Array.Empty<HeaderField>();
    private int _start;

    public void Set(IReadOnlyList<HeaderField> fields, int start)
    {
        _fields = fields;
        _start = start;
    }

    public void Clear() => Set(Array.Empty<HeaderField>(), 0);

    public int Count => _fields.Count - _start;

    public HeaderField this[int index] =>
        (uint)index < (uint)Count ? _fields[_start + index] : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<HeaderField> GetEnumerator()
    {
        for (int i = _start; i < _fields.Count; i++)
        {
            yield return _fields[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
