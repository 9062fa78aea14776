using System.Diagnostics.Tracing;
using System.Globalization;
using H2Sharp.Benchmarks.Workloads;

namespace H2Sharp.Benchmarks.Runner;

/// <summary>
/// <c>-- --alloc W1|W2|W4</c>: which types a workload allocates, from the runtime's sampled
/// GCAllocationTick events (about one per 100 KB allocated), largest share first.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new();

    public static int Run(string workload)
    {
        using var profile = new AllocationProfile();
        Action step = workload.ToUpperInvariant() switch
        {
            "W1" => new ConnectionPair(ConnectionPair.W1Body).RunBatch,
            "W2" => () => W2Bulk.RunOne(new ConnectionPair(ConnectionPair.W2Body)),
            "W4" => () => new W4Replay(10).Replay(),
            _ => throw new BenchFailure("--alloc takes W1, W2 or W4"),
        };
        profile.Start();
        int steps = workload.Equals("W1", StringComparison.OrdinalIgnoreCase) ? 2000 : 5;
        for (int i = 0; i < steps; i++)
        {
            step();
        }

        profile.Report();
        return 0;
    }

    private bool _on;

    private void Start() => _on = true;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        string type = typeIndex >= 0 ? eventData.Payload[typeIndex] as string ?? "?" : "?";
        long amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture) : 100_000;
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }

    private void Report()
    {
        _on = false;
        lock (_bytes)
        {
            long total = _bytes.Values.Sum();
            foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(25))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes * 100.0 / total,6:F1}%  {type}"));
            }
        }
    }
}
