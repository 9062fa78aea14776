using System.Collections.Generic;

namespace H2Sharp.Server;

/// <summary>An HTTP/1.1 request that asked for <c>Upgrade: h2c</c>: its HTTP2-Settings value and its fields as HTTP/2 headers (served on stream 1).</summary>
internal sealed class UpgradeRequest(string settings, IReadOnlyList<HeaderField> headers)
{
    public string Settings { get; } = settings;

    public IReadOnlyList<HeaderField> Headers { get; } = headers;
}
