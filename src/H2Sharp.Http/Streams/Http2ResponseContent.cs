using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.Http.Streams;

/// <summary>The HttpContent of a response: its stream is the body as it arrives (read once).</summary>
internal sealed class Http2ResponseContent(Http2ResponseStream body) : HttpContent
{
    private bool _consumed;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using Stream source = Take();
        await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using Stream source = Take();
        source.CopyTo(stream);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(Take());

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(Take());

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => Take();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            body.Dispose();
        }

        base.Dispose(disposing);
    }

    private Http2ResponseStream Take()
    {
        if (_consumed)
        {
            throw new InvalidOperationException("The response body was already read: an HTTP/2 response stream can be read once (buffer it with LoadIntoBufferAsync to read it again).");
        }

        _consumed = true;
        return body;
    }
}
