using System.Buffers;
using System.Text;

namespace H2Sharp.Interop.Tests.Support;

/// <summary>What one stream carried, as an <see cref="H2SocketDriver"/> saw it: header blocks, body, end, reset.</summary>
internal sealed class H2StreamRecord(int streamId)
{
    private readonly ArrayBufferWriter<byte> _body = new();

    public int StreamId { get; } = streamId;

    /// <summary>The request (server side) or final response (client side) header block.</summary>
    public List<HeaderField>? Headers { get; set; }

    /// <summary>1xx header blocks, in order (client side).</summary>
    public List<List<HeaderField>> Informational { get; } = new();

    public List<HeaderField>? Trailers { get; set; }

    /// <summary>For a pushed stream: the promised request headers.</summary>
    public List<HeaderField>? PromisedRequest { get; set; }

    public int? PushedFrom { get; set; }

    public int DataFrames { get; private set; }

    public bool Ended { get; set; }

    public ErrorCode? ResetCode { get; set; }

    public bool RemoteReset { get; set; }

    /// <summary>True once the stream ended or was reset: nothing more will arrive.</summary>
    public bool Done => Ended || ResetCode is not null;

    public byte[] Body => _body.WrittenSpan.ToArray();

    public string BodyText => Encoding.UTF8.GetString(_body.WrittenSpan);

    public string Status => Get(":status");

    public void AppendBody(ReadOnlySpan<byte> data)
    {
        DataFrames++;
        _body.Write(data);
    }

    /// <summary>The single value of a header in <see cref="Headers"/>; fails if absent or repeated.</summary>
    public string Get(string name) => Single(Headers, name);

    /// <summary>The single value of a trailer; fails if absent or repeated.</summary>
    public string Trailer(string name) => Single(Trailers, name);

    public bool Has(string name) => Headers is not null && Headers.Exists(h => h.NameString == name);

    /// <summary>Header fields as (name, value) strings, in order.</summary>
    public static List<(string Name, string Value)> Pairs(IEnumerable<HeaderField>? fields) =>
        fields is null ? new() : fields.Select(h => (h.NameString, h.ValueString)).ToList();

    /// <summary>A copy that owns its bytes (event header slices share a buffer the event owns).</summary>
    public static List<HeaderField> Copy(IReadOnlyList<HeaderField> fields) =>
        fields.Select(h => new HeaderField(h.Name.ToArray(), h.Value.ToArray(), h.NeverIndex)).ToList();

    public override string ToString() =>
        $"stream {StreamId}: headers=[{string.Join(", ", Pairs(Headers))}] body={_body.WrittenCount} ended={Ended} reset={ResetCode}";

    private string Single(List<HeaderField>? fields, string name)
    {
        Assert.True(fields is not null, $"No header block on {this}");
        var values = fields!.Where(h => h.NameString == name).Select(h => h.ValueString).ToList();
        Assert.True(values.Count == 1, $"'{name}' appears {values.Count} times on {this}");
        return values[0];
    }
}
