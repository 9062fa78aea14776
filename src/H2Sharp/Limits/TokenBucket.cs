using System;

namespace H2Sharp;

/// <summary>
/// A token bucket for rate limits (like nghttp2's <c>nghttp2_ratelim</c>): holds up to a burst
/// of tokens, each event takes one, and tokens come back at a fixed rate per second measured
/// with the caller's <see cref="TimeProvider"/>. Integer arithmetic only; the fraction of a
/// token earned so far is kept (the clock stamp advances only by whole tokens).
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly long _burst;
    private readonly long _ratePerSecond;
    private long _tokens;
    private long _stamp;

    public TokenBucket(TimeProvider time, int burst, int ratePerSecond)
    {
        _time = time;
        _burst = burst;
        _ratePerSecond = ratePerSecond;
        _tokens = burst;
        _stamp = time.GetTimestamp();
    }

    /// <summary>Tokens left now (after refilling).</summary>
    public long Available
    {
        get
        {
            Refill();
            return _tokens;
        }
    }

    /// <summary>Takes one token; false when the bucket is empty.</summary>
    public bool TryTake()
    {
        Refill();
        if (_tokens == 0)
        {
            return false;
        }

        _tokens--;
        return true;
    }

    private void Refill()
    {
        long now = _time.GetTimestamp();
        if (_tokens >= _burst || _ratePerSecond == 0)
        {
            _stamp = now; // a full bucket earns nothing: count from the moment a token is taken
            return;
        }

        long elapsed = now - _stamp;
        if (elapsed <= 0)
        {
            return;
        }

        long frequency = _time.TimestampFrequency;
        // Int128: elapsed ticks times a rate may pass 2^63 after a long idle period.
        Int128 earned = (Int128)elapsed * _ratePerSecond / frequency;
        if (earned == 0)
        {
            return;
        }

        if (earned >= _burst - _tokens)
        {
            _tokens = _burst;
            _stamp = now;
            return;
        }

        _tokens += (long)earned;
        _stamp += (long)(earned * frequency / _ratePerSecond);
    }
}
