using System;

namespace H2Sharp.Server;

/// <summary>
/// A minimum transfer rate (Kestrel's <c>MinDataRate</c>): below <see cref="BytesPerSecond"/>,
/// averaged since the transfer began, once <see cref="GracePeriod"/> has passed, the transfer is
/// given up. It stops clients that hold a stream open by trickling a byte now and then.
/// </summary>
public sealed class H2MinDataRate
{
    /// <summary>Creates a rate.</summary>
    /// <param name="bytesPerSecond">The least average rate, above 0.</param>
    /// <param name="gracePeriod">How long a transfer may go below it at first; more than one second (the server checks once a second).</param>
    public H2MinDataRate(double bytesPerSecond, TimeSpan gracePeriod)
    {
        if (!(bytesPerSecond > 0) || double.IsInfinity(bytesPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "The rate must be a positive number of bytes per second.");
        }
        if (gracePeriod <= TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(gracePeriod), gracePeriod, "The grace period must be more than one second: the server checks rates once a second.");
        }
        BytesPerSecond = bytesPerSecond;
        GracePeriod = gracePeriod;
    }

    /// <summary>The least average rate, in bytes per second.</summary>
    public double BytesPerSecond { get; }

    /// <summary>How long a transfer may go below the rate at first.</summary>
    public TimeSpan GracePeriod { get; }

    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"{BytesPerSecond} B/s after {GracePeriod.TotalSeconds} s");
}
