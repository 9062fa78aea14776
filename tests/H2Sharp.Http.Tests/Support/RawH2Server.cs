using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace H2Sharp.Http.Tests.Support;

/// <summary>
/// A hand-driven HTTP/2 server on 127.0.0.1 that reads and writes frames byte by byte (no HTTP/2
/// library), so a test can assert exactly which frames the handler sends and answer with
/// exactly the frames a case needs. Every read has a timeout.
/// </summary>
internal sealed class RawH2Server : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public RawH2Server() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri Uri(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Accepts the next connection and reads the client preface (then its SETTINGS, kept in <see cref="Connection.ClientSettings"/>).</summary>
    public async Task<Connection> AcceptAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        Socket socket = await _listener.AcceptSocketAsync(cts.Token);
        var connection = new Connection(new NetworkStream(socket, ownsSocket: true));
        await connection.ReadPrefaceAsync();
        return connection;
    }

    public void Dispose() => _listener.Stop();

    /// <summary>One HTTP/2 frame: the 9-octet header's fields and the payload.</summary>
    internal sealed record Frame(byte Type, byte Flags, int StreamId, byte[] Payload)
    {
        public const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, PushPromise = 0x5, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8;
        public const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;

        public bool Has(byte flag) => (Flags & flag) != 0;

        /// <summary>RST_STREAM's or GOAWAY's error code; WINDOW_UPDATE's increment.</summary>
        public uint Code => Type == GoAway ? BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(4)) : BinaryPrimitives.ReadUInt32BigEndian(Payload) & 0x7fff_ffff;

        /// <summary>SETTINGS as identifier/value pairs.</summary>
        public Dictionary<ushort, uint> SettingsValues()
        {
            var values = new Dictionary<ushort, uint>();
            for (int i = 0; i + 6 <= Payload.Length; i += 6)
            {
                values[BinaryPrimitives.ReadUInt16BigEndian(Payload.AsSpan(i))] = BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(i + 2));
            }

            return values;
        }

        public override string ToString() => $"type {Type} flags 0x{Flags:x} stream {StreamId} length {Payload.Length}";
    }

    internal sealed class Connection(NetworkStream stream) : IDisposable
    {
        private static readonly byte[] Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

        /// <summary>The first SETTINGS the client sent.</summary>
        public Frame ClientSettings { get; private set; } = null!;

        /// <summary>Every frame read so far, in order.</summary>
        public List<Frame> Received { get; } = [];

        public async Task ReadPrefaceAsync()
        {
            byte[] preface = new byte[Preface.Length];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await stream.ReadExactlyAsync(preface, cts.Token);
            Assert.Equal(Preface, preface);
            ClientSettings = await ReadFrameAsync();
            Assert.Equal(Frame.Settings, ClientSettings.Type);
        }

        /// <summary>Sends the server's SETTINGS (the given pairs) and ACKs the client's.</summary>
        public async Task HandshakeAsync(params (ushort Id, uint Value)[] settings)
        {
            byte[] payload = new byte[settings.Length * 6];
            for (int i = 0; i < settings.Length; i++)
            {
                BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(i * 6), settings[i].Id);
                BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(i * 6 + 2), settings[i].Value);
            }

            await WriteFrameAsync(Frame.Settings, 0, 0, payload);
            await WriteFrameAsync(Frame.Settings, Frame.Ack, 0, ReadOnlyMemory<byte>.Empty);
        }

        /// <summary>The next frame, or null if the client closed the connection; a read that timed out stays pending for the next call.</summary>
        public async Task<Frame?> TryReadFrameAsync(TimeSpan? timeout = null)
        {
            _pendingRead ??= ReadCoreAsync();
            Frame? frame = await _pendingRead.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
            _pendingRead = null;
            if (frame is not null)
            {
                Received.Add(frame);
            }

            return frame;
        }

        private async Task<Frame?> ReadCoreAsync()
        {
            byte[] header = new byte[9];
            try
            {
                await stream.ReadExactlyAsync(header);
                int length = (header[0] << 16) | (header[1] << 8) | header[2];
                byte[] payload = new byte[length];
                await stream.ReadExactlyAsync(payload);
                return new Frame(header[3], header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & 0x7fff_ffff, payload);
            }
            catch (Exception e) when (e is EndOfStreamException or IOException or ObjectDisposedException)
            {
                return null;
            }
        }

        public async Task<Frame> ReadFrameAsync(TimeSpan? timeout = null) =>
            await TryReadFrameAsync(timeout) ?? throw new Xunit.Sdk.XunitException("The client closed the connection.");

        /// <summary>Reads frames until one matches (failing after the timeout); the others are kept in <see cref="Received"/>.</summary>
        public async Task<Frame> ExpectAsync(Func<Frame, bool> match, string what, TimeSpan? timeout = null)
        {
            DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (true)
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new Xunit.Sdk.XunitException($"No {what} within the timeout; received: {string.Join("; ", Received)}");
                }

                Frame frame;
                try
                {
                    frame = await ReadFrameAsync(left);
                }
                catch (TimeoutException)
                {
                    throw new Xunit.Sdk.XunitException($"No {what} within the timeout; received: {string.Join("; ", Received)}");
                }

                if (match(frame))
                {
                    return frame;
                }
            }
        }

        /// <summary>Reads every frame that arrives within the time (the connection stays open).</summary>
        public async Task<List<Frame>> CollectAsync(TimeSpan time)
        {
            var frames = new List<Frame>();
            DateTime deadline = DateTime.UtcNow + time;
            while (deadline - DateTime.UtcNow is { } left && left > TimeSpan.Zero)
            {
                Frame? frame;
                try
                {
                    frame = await TryReadFrameAsync(left);
                }
                catch (TimeoutException)
                {
                    break;
                }

                if (frame is null)
                {
                    break;
                }

                frames.Add(frame);
            }

            return frames;
        }

        private Task<Frame?>? _pendingRead;

        public Task<Frame> ExpectHeadersAsync() => ExpectAsync(f => f.Type == Frame.Headers, "HEADERS");

        public async Task WriteFrameAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
        {
            byte[] header = new byte[9];
            header[0] = (byte)(payload.Length >> 16);
            header[1] = (byte)(payload.Length >> 8);
            header[2] = (byte)payload.Length;
            header[3] = type;
            header[4] = flags;
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(5), streamId);
            await stream.WriteAsync(header);
            await stream.WriteAsync(payload);
            await stream.FlushAsync();
        }

        /// <summary>HEADERS with just :status (HPACK: 200 from the static table, others as a literal with name index 8).</summary>
        public Task SendStatusAsync(int streamId, int status, bool endStream)
        {
            byte[] block = status == 200 ? [0x88] : [0x08, 0x03, .. Encoding.ASCII.GetBytes(status.ToString(System.Globalization.CultureInfo.InvariantCulture))];
            return WriteFrameAsync(Frame.Headers, (byte)(Frame.EndHeaders | (endStream ? Frame.EndStream : 0)), streamId, block);
        }

        public Task SendDataAsync(int streamId, ReadOnlyMemory<byte> data, bool endStream) =>
            WriteFrameAsync(Frame.Data, endStream ? Frame.EndStream : (byte)0, streamId, data);

        public Task SendGoAwayAsync(int lastStreamId, uint code)
        {
            byte[] payload = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(payload, lastStreamId);
            BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(4), code);
            return WriteFrameAsync(Frame.GoAway, 0, 0, payload);
        }

        public void Dispose() => stream.Dispose();
    }
}
