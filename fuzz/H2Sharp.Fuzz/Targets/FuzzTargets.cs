using System;
using System.Collections.Generic;
using H2Sharp.Fuzz.Support;

namespace H2Sharp.Fuzz.Targets;

/// <summary>Every fuzz target by name, for the command line, the fuzzer and the tests.</summary>
public static class FuzzTargets
{
    /// <summary>The targets, by the name given on the command line and used as corpus folder.</summary>
    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = new Dictionary<string, FuzzTarget>(StringComparer.Ordinal)
    {
        ["frames"] = FramesTarget.Run,
        ["hpack"] = HpackTarget.Run,
        ["hpack-roundtrip"] = HpackRoundTripTarget.Run,
        ["hpack-memory"] = HpackMemoryTarget.Run,
        ["connection-server"] = ConnectionTarget.RunServer,
        ["connection-client"] = ConnectionTarget.RunClient,
    };

    /// <summary>
    /// The corpus folder a target reads its seeds from: the round-trip target shares the
    /// "hpack" seeds, which are in its input format.
    /// </summary>
    /// <param name="target">A target name.</param>
    /// <returns>The corpus folder name under fuzz/corpus.</returns>
    public static string CorpusOf(string target) => target switch
    {
        "hpack-roundtrip" => "hpack",
        _ => target,
    };
}
