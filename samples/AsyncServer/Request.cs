using H2Sharp;

namespace AsyncServer;

/// <summary>A request being received: its headers, then its body as DATA frames arrive.</summary>
internal sealed class Request(int streamId, IReadOnlyList<HeaderField> headers)
{
    public int StreamId { get; } = streamId;

    public IReadOnlyList<HeaderField> Headers { get; } = headers;

    public string Method => Header(":method") ?? "";

    public string Path => Header(":path") ?? "/";

    /// <summary>The body so far; DataReceived may come many times for one request.</summary>
    public MemoryStream Body { get; } = new();

    public string? Header(string name)
    {
        foreach (HeaderField field in Headers)
        {
            if (field.NameString == name)
            {
                return field.ValueString;
            }
        }
        return null;
    }
}
