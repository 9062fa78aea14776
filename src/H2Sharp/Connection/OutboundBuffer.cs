using System;
using System.Buffers;

namespace H2Sharp;

/// <summary>
/// The bytes waiting to be sent: one growable array rented from <see cref="ArrayPool{T}"/>,
/// written by the frame writer and drained by the caller from the front. Single-threaded.
/// </summary>
internal sealed class OutboundBuffer : IBufferWriter<byte>
{
    private const int MinimumSize = 4096;
    private byte[] _buffer = Array.Empty<byte>();
    private int _start;
    private int _end;

    /// <summary>Octets waiting to be sent.</summary>
    public int Length => _end - _start;

    /// <summary>The trace of sent frames, when the configuration has a logger.</summary>
    public FrameTracer? Tracer { get; set; }

    /// <summary>The octets waiting to be sent, valid until the next write or drain.</summary>
    public ReadOnlyMemory<byte> Pending => _buffer.AsMemory(_start, _end - _start);

    /// <summary>Marks <paramref name="count"/> octets from the front as sent.</summary>
    public void Consume(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Length);
        Tracer?.Consumed(_buffer.AsSpan(_start, Length), count);
        _start += count;
        if (_start == _end)
        {
            _start = _end = 0;
        }
    }

    /// <summary>Copies up to <paramref name="destination"/>.Length octets out and consumes them.</summary>
    public int CopyTo(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, Length);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        Consume(n);
        return n;
    }

    /// <summary>Copies everything waiting into <paramref name="destination"/> and consumes it.</summary>
    public int WriteTo(IBufferWriter<byte> destination)
    {
        int n = Length;
        if (n > 0)
        {
            destination.Write(_buffer.AsSpan(_start, n));
            Consume(n);
        }

        return n;
    }

    /// <summary>Takes up to <paramref name="amount"/> octets (all when null) as a new array.</summary>
    public byte[] Take(int? amount)
    {
        int n = amount is int a ? Math.Clamp(a, 0, Length) : Length;
        if (n == 0)
        {
            return Array.Empty<byte>();
        }

        var result = _buffer.AsSpan(_start, n).ToArray();
        Consume(n);
        return result;
    }

    /// <summary>Drops everything waiting and gives a large array back to the pool.</summary>
    public void Clear()
    {
        Tracer?.Cleared(_buffer.AsSpan(_start, Length));
        _start = _end = 0;
        if (_buffer.Length > 64 * 1024)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = Array.Empty<byte>();
        }
    }

    /// <inheritdoc/>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);
        _end += count;
    }

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_end);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_end);
    }

    private void Ensure(int sizeHint)
    {
        int need = Math.Max(sizeHint, 1);
        if (_buffer.Length - _end >= need)
        {
            return;
        }

        int length = Length;
        if (_start > 0 && _buffer.Length - length >= need && _start >= _buffer.Length / 2)
        {
            // Enough room once the drained front is reclaimed: slide instead of growing.
            _buffer.AsSpan(_start, length).CopyTo(_buffer);
            _start = 0;
            _end = length;
            return;
        }

        int size = Math.Max(MinimumSize, Math.Max(_buffer.Length * 2, length + need));
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(_start, length).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
        _start = 0;
        _end = length;
    }
}
