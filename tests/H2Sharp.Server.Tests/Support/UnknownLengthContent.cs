using System.Net;

namespace H2Sharp.Server.Tests.Support;

/// <summary>
/// A request body with no content-length, written in blocks as it comes. (StreamContent over a
/// MemoryStream is seekable, so HttpClient declares its length: that is not a streamed body.)
/// </summary>
internal sealed class UnknownLengthContent(int total, int block = 16 * 1024) : HttpContent
{
    public int Written { get; private set; }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        byte[] buffer = new byte[block];
        while (Written < total)
        {
            int n = Math.Min(block, total - Written);
            await stream.WriteAsync(buffer.AsMemory(0, n));
            await stream.FlushAsync();
            Written += n;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
