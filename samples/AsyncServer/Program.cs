// AsyncServer: HTTP/2 over TLS with async/await, reachable from curl, HttpClient, nghttp and
// browsers. The C# counterpart of h2's "Asyncio Example Server".
//
//   dotnet run --project samples/AsyncServer                   # https://127.0.0.1:8443/
//   curl --http2 -k https://127.0.0.1:8443/                     # index.html from wwwroot
//   curl --http2 -k -d '{"hi":1}' https://127.0.0.1:8443/echo   # body and headers as JSON
//
// Options:
//   --port N                  TLS port (default 8443); HTTP/2 is negotiated with ALPN "h2"
//   --h2c N                   also serve cleartext HTTP/2 with prior knowledge on port N
//   --root DIR                the static files (default: wwwroot next to the program)
//   --cert FILE --key FILE    a PEM certificate and key (default: a self-signed one made now)
//   --exit-after-seconds N    stop on its own after N seconds (the tests use it)
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AsyncServer;

int tlsPort = int.Parse(Option("--port") ?? "8443", CultureInfo.InvariantCulture);
int? h2cPort = Option("--h2c") is string h2c ? int.Parse(h2c, CultureInfo.InvariantCulture) : null;
string root = Path.GetFullPath(Option("--root") ?? Path.Combine(AppContext.BaseDirectory, "wwwroot"));
X509Certificate2 certificate = Option("--cert") is string certFile
    ? X509Certificate2.CreateFromPemFile(certFile, Option("--key") ?? throw new ArgumentException("--cert needs --key"))
    : Certificates.CreateSelfSigned();

// Ctrl+C, or --exit-after-seconds, cancels this token: listeners stop, connections say GOAWAY.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
if (Option("--exit-after-seconds") is string seconds)
{
    stopping.CancelAfter(TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)));
}

var router = new Router(root);
var tls = new SslServerAuthenticationOptions
{
    ServerCertificate = certificate,
    // ALPN: we speak "h2" only. A client offering just http/1.1 fails the handshake.
    ApplicationProtocols = [SslApplicationProtocol.Http2],
    // RFC 9113 section 9.2: "Implementations of HTTP/2 MUST use TLS version 1.2 or higher".
    EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
};

var listeners = new List<Task> { ListenAsync(tlsPort, useTls: true) };
Console.WriteLine($"Listening on https://127.0.0.1:{tlsPort}/ (HTTP/2 over TLS, ALPN h2), serving {root}");
if (h2cPort is int cleartextPort)
{
    listeners.Add(ListenAsync(cleartextPort, useTls: false));
    Console.WriteLine($"Listening on http://127.0.0.1:{cleartextPort}/ (HTTP/2 with prior knowledge)");
}
await Task.WhenAll(listeners);
Console.WriteLine("Stopped.");

// Accepts connections until stopped; each connection runs on its own, so many clients are
// served at once, each with many concurrent streams.
async Task ListenAsync(int port, bool useTls)
{
    using var listener = new TcpListener(IPAddress.Loopback, port);
    listener.Start();
    var connections = new List<Task>();
    try
    {
        while (true)
        {
            Socket socket = await listener.AcceptSocketAsync(stopping.Token);
            socket.NoDelay = true; // HTTP/2 frames are small and latency-sensitive
            connections.Add(ServeAsync(socket, useTls));
            connections.RemoveAll(t => t.IsCompleted);
        }
    }
    catch (OperationCanceledException)
    {
        // Stopping: let the open connections finish their GOAWAY.
    }
    await Task.WhenAll(connections);
}

async Task ServeAsync(Socket socket, bool useTls)
{
    Stream transport = new NetworkStream(socket, ownsSocket: true);
    try
    {
        if (useTls)
        {
            var ssl = new SslStream(transport);
            transport = ssl;
            // A client that never finishes its handshake must not hold a connection forever.
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            handshake.CancelAfter(TimeSpan.FromSeconds(10));
            await ssl.AuthenticateAsServerAsync(tls, handshake.Token);
            // RFC 9113 section 3.2: HTTP/2 over TLS uses the "h2" protocol identifier.
            if (ssl.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
            {
                return;
            }
        }
        using var session = new Http2Session(transport, router);
        await session.RunAsync(stopping.Token);
    }
    catch (Exception e) when (e is IOException or AuthenticationException or OperationCanceledException or SocketException)
    {
        // The client went away or failed the handshake: nothing more to do for it.
    }
    finally
    {
        await transport.DisposeAsync();
    }
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
