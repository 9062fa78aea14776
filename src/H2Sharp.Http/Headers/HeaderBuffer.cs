using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace H2Sharp.Http.Headers;

/// <summary>
/// A request's header fields, built on the caller's thread and handed to the connection's loop
/// for SendHeaders. The variable values are encoded into one pooled arena; static names and
/// values (pseudo-headers, methods, cached names) are shared arrays. HPACK copies what it keeps,
/// so the arena goes back to the pool as soon as the HEADERS frame is queued.
/// </summary>
internal sealed class HeaderBuffer
{
    private readonly List<HeaderField> _fields = new(16);
    private ReadOnlyMemory<byte>[] _names = new ReadOnlyMemory<byte>[16];
    private string?[] _values = new string?[16];
    private ReadOnlyMemory<byte>[] _staticValues = new ReadOnlyMemory<byte>[16];
    private byte[]? _arena;
    private int _count;
    private int _arenaNeeded;

    /// <summary>
    /// The fields after <see cref="Seal"/>: a List, which the core reads as a span without
    /// copying (any other IReadOnlyList would be copied per request).
    /// </summary>
    public List<HeaderField> Fields => _fields;

    /// <summary>Adds a field whose value is a shared array.</summary>
    public void Add(ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> value)
    {
        int i = Grow();
        _names[i] = name;
        _values[i] = null;
        _staticValues[i] = value;
    }

    /// <summary>Adds a field whose value is encoded (UTF-8) into the arena by <see cref="Seal"/>.</summary>
    public void Add(ReadOnlyMemory<byte> name, string value)
    {
        int i = Grow();
        _names[i] = name;
        _values[i] = value;
        _arenaNeeded += Encoding.UTF8.GetByteCount(value);
    }

    /// <summary>Encodes the text values and makes the fields; the list is ready for SendHeaders.</summary>
    public void Seal()
    {
        byte[]? arena = _arenaNeeded == 0 ? null : ArrayPool<byte>.Shared.Rent(_arenaNeeded);
        _arena = arena;
        int used = 0;
        for (int i = 0; i < _count; i++)
        {
            string? text = _values[i];
            ReadOnlyMemory<byte> value;
            if (text is null)
            {
                value = _staticValues[i];
            }
            else
            {
                int n = Encoding.UTF8.GetBytes(text, arena.AsSpan(used));
                value = new ReadOnlyMemory<byte>(arena, used, n);
                used += n;
                _values[i] = null;
            }

            _fields.Add(new HeaderField(_names[i], value));
        }
    }

    /// <summary>Returns the arena and forgets the fields, ready for the next request.</summary>
    public void Clear()
    {
        if (_arena is { } arena)
        {
            _arena = null;
            ArrayPool<byte>.Shared.Return(arena);
        }

        _fields.Clear();
        Array.Clear(_names, 0, _count);
        Array.Clear(_staticValues, 0, _count);
        _count = 0;
        _arenaNeeded = 0;
    }

    private int Grow()
    {
        if (_count == _names.Length)
        {
            int size = _count * 2;
            Array.Resize(ref _names, size);
            Array.Resize(ref _values, size);
            Array.Resize(ref _staticValues, size);
        }

        return _count++;
    }
}
