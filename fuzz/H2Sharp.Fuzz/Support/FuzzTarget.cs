using System;

namespace H2Sharp.Fuzz.Support;

/// <summary>
/// One fuzz target: takes arbitrary bytes, returns normally when the code under test behaved
/// (including throwing a documented exception, which the target catches), and throws anything
/// else: an undocumented exception escaping the library, or a <see cref="FuzzInvariantException"/>.
/// </summary>
/// <param name="input">The fuzzer's input.</param>
public delegate void FuzzTarget(ReadOnlySpan<byte> input);
