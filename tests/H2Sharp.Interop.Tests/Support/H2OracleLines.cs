using System.Globalization;
using H2Sharp.Events;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>
/// Replays a captured client byte stream into a fresh server-side H2Connection and describes its
/// events in the line format of Peers/h2_oracle.py, so the two can be compared line by line.
/// </summary>
internal static class H2OracleLines
{
    /// <summary>The chunk size both sides are fed (each chunk is followed by acknowledging the data in it).</summary>
    public const int ChunkSize = 4096;

    public static List<string> Replay(byte[] input)
    {
        var conn = new H2Connection(new H2Configuration { ClientSide = false });
        conn.InitiateConnection();
        var lines = new List<string>();
        for (int offset = 0; offset < input.Length; offset += ChunkSize)
        {
            IReadOnlyList<H2Event> events;
            try
            {
                events = conn.ReceiveData(input.AsSpan(offset, Math.Min(ChunkSize, input.Length - offset)));
            }
            catch (ProtocolException ex)
            {
                lines.Add($"error {(int)ex.ErrorCode}");
                return lines;
            }
            foreach (H2Event e in events)
            {
                lines.Add(Describe(e));
                if (e is DataReceived { FlowControlledLength: > 0 } d)
                {
                    conn.AcknowledgeReceivedData(d.FlowControlledLength, d.StreamId);
                }
            }
        }
        return lines;
    }

    /// <summary>Hex chunks, one per line, as h2_oracle.py reads them.</summary>
    public static string ToHexChunks(byte[] input)
    {
        var text = new System.Text.StringBuilder();
        for (int offset = 0; offset < input.Length; offset += ChunkSize)
        {
            text.AppendLine(Convert.ToHexString(input.AsSpan(offset, Math.Min(ChunkSize, input.Length - offset))));
        }
        return text.ToString();
    }

    private static string Fields(IReadOnlyList<HeaderField> headers) =>
        string.Join("|", headers.Select(h => System.Text.Encoding.Latin1.GetString(h.Name.Span) + "=" + System.Text.Encoding.Latin1.GetString(h.Value.Span)));

    private static string Describe(H2Event e) => e switch
    {
        RequestReceived r => $"RequestReceived {r.StreamId} {Fields(r.Headers)}",
        TrailersReceived t => $"TrailersReceived {t.StreamId} {Fields(t.Headers)}",
        DataReceived d => $"DataReceived {d.StreamId} {d.Data.Length} {d.FlowControlledLength}",
        StreamEnded s => $"StreamEnded {s.StreamId}",
        StreamReset r => $"StreamReset {r.StreamId} {(int)r.ErrorCode} {(r.RemoteReset ? 1 : 0)}",
        PriorityUpdated p => $"PriorityUpdated {p.StreamId} {p.Weight} {p.DependsOn} {(p.Exclusive ? 1 : 0)}",
        WindowUpdated w => $"WindowUpdated {w.StreamId} {w.Delta}",
        PingReceived p => $"PingReceived {Convert.ToHexStringLower(p.PingData.Span)}",
        RemoteSettingsChanged r => "RemoteSettingsChanged " + string.Join(",", r.ChangedSettings.OrderBy(kv => (int)kv.Key)
            .Select(kv => ((int)kv.Key).ToString(CultureInfo.InvariantCulture) + "=" + kv.Value.NewValue.ToString(CultureInfo.InvariantCulture))),
        SettingsAcknowledged => "SettingsAcknowledged",
        ConnectionTerminated c => $"ConnectionTerminated {(int)c.ErrorCode} {c.LastStreamId}",
        _ => "Other " + e.GetType().Name,
    };
}
