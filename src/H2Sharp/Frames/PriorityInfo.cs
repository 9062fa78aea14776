namespace H2Sharp.Frames;

/// <summary>
/// The RFC 7540 priority fields carried by PRIORITY frames and by HEADERS frames with the
/// PRIORITY flag (RFC 9113 sections 5.3.2, 6.2 and 6.3).
/// </summary>
/// <param name="StreamDependency">The stream this one depends on (31 bits; 0 = the root).</param>
/// <param name="Weight">The weight, 1 to 256; the wire carries <c>Weight - 1</c>.</param>
/// <param name="Exclusive">True when the dependency is exclusive (the E bit).</param>
public readonly record struct PriorityInfo(int StreamDependency, int Weight, bool Exclusive)
{
    /// <summary>The size of the priority fields on the wire: a 4-octet dependency and a 1-octet weight.</summary>
    public const int Size = 5;
}
