using System.Net.Sockets;
using System.Text;

namespace H2Sharp.Http.Tests.Support;

/// <summary>A ConnectCallback that opens a TCP connection and keeps the first bytes the handler writes on it.</summary>
internal sealed class RecordingConnect
{
    private readonly MemoryStream _written = new();

    /// <summary>The first up to 4 KiB written on the (last) connection, as ASCII.</summary>
    public string Written
    {
        get
        {
            lock (_written)
            {
                return Encoding.ASCII.GetString(_written.ToArray());
            }
        }
    }

    public async ValueTask<Stream> ConnectAsync(H2SharpConnectionContext context, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(context.DnsEndPoint, token);
        return new Recorder(new NetworkStream(socket, ownsSocket: true), this);
    }

    private sealed class Recorder(NetworkStream inner, RecordingConnect owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (owner._written)
            {
                int room = 4096 - (int)owner._written.Length;
                if (room > 0)
                {
                    owner._written.Write(buffer.Span[..Math.Min(room, buffer.Length)]);
                }
            }

            return inner.WriteAsync(buffer, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
