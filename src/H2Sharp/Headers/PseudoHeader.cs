using System;

namespace H2Sharp.Headers;

/// <summary>The names of the defined pseudo-header fields as bytes, and their lookup.</summary>
internal static class PseudoHeader
{
    /// <summary><c>:method</c>.</summary>
    public static ReadOnlySpan<byte> Method => ":method"u8;
    /// <summary><c>:scheme</c>.</summary>
    public static ReadOnlySpan<byte> Scheme => ":scheme"u8;
    /// <summary><c>:authority</c>.</summary>
    public static ReadOnlySpan<byte> Authority => ":authority"u8;
    /// <summary><c>:path</c>.</summary>
    public static ReadOnlySpan<byte> Path => ":path"u8;
    /// <summary><c>:protocol</c> (RFC 8441).</summary>
    public static ReadOnlySpan<byte> Protocol => ":protocol"u8;
    /// <summary><c>:status</c>.</summary>
    public static ReadOnlySpan<byte> Status => ":status"u8;

    /// <summary>
    /// Which defined pseudo-header field <paramref name="name"/> is (exact, case-sensitive bytes),
    /// or <see cref="PseudoHeaderKind.None"/>. Dispatches on length, then compares once.
    /// </summary>
    public static PseudoHeaderKind Classify(ReadOnlySpan<byte> name) => name.Length switch
    {
        5 => name.SequenceEqual(Path) ? PseudoHeaderKind.Path : PseudoHeaderKind.None,
        7 => name.SequenceEqual(Method) ? PseudoHeaderKind.Method
            : name.SequenceEqual(Scheme) ? PseudoHeaderKind.Scheme
            : name.SequenceEqual(Status) ? PseudoHeaderKind.Status
            : PseudoHeaderKind.None,
        9 => name.SequenceEqual(Protocol) ? PseudoHeaderKind.Protocol : PseudoHeaderKind.None,
        10 => name.SequenceEqual(Authority) ? PseudoHeaderKind.Authority : PseudoHeaderKind.None,
        _ => PseudoHeaderKind.None,
    };
}
