using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace H2Sharp.AspNetCore;

/// <summary>
/// The two directions of an accepted extended CONNECT tunnel (RFC 8441) as one stream: reads
/// come from the request body (the client's DATA frames), writes go to the response body.
/// </summary>
internal sealed class ExtendedConnectStream(Stream requestBody, Stream responseBody) : Stream
{
    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException("A tunnel has no length.");

    /// <inheritdoc />
    public override long Position
    {
        get => throw new NotSupportedException("A tunnel cannot seek.");
        set => throw new NotSupportedException("A tunnel cannot seek.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => requestBody.Read(buffer, offset, count);

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        requestBody.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        requestBody.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => responseBody.Write(buffer, offset, count);

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        responseBody.WriteAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc />
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        responseBody.WriteAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public override void Flush() => responseBody.Flush();

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => responseBody.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A tunnel cannot seek.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("A tunnel has no length.");
}
