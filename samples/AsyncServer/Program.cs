// AsyncServer: HTTP/2 over TLS with async/await, reachable from curl, HttpClient, nghttp and
// browsers. The C# counterpart of h2's "Asyncio Example Server", now on H2Sharp.Server: the
// host owns the sockets, TLS, limits and the one task per connection; this file says what to
// listen on and Router says what to answer.
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
using System.Security.Cryptography.X509Certificates;
using AsyncServer;
using H2Sharp.Server;

int tlsPort = int.Parse(Option("--port") ?? "8443", CultureInfo.InvariantCulture);
int? h2cPort = Option("--h2c") is string h2c ? int.Parse(h2c, CultureInfo.InvariantCulture) : null;
string root = Path.GetFullPath(Option("--root") ?? Path.Combine(AppContext.BaseDirectory, "wwwroot"));
X509Certificate2 certificate = Option("--cert") is string certFile
    ? X509Certificate2.CreateFromPemFile(certFile, Option("--key") ?? throw new ArgumentException("--cert needs --key"))
    : Certificates.CreateSelfSigned();

// Ctrl+C, or --exit-after-seconds, stops the server: GOAWAY to every client, streams in flight finish.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
if (Option("--exit-after-seconds") is string seconds)
{
    stopping.CancelAfter(TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)));
}

var options = new H2ServerOptions { ShutdownTimeout = TimeSpan.FromSeconds(5) };
// ALPN "h2" only: a client offering just http/1.1 fails the handshake.
options.Listen(IPAddress.Loopback, tlsPort, listen => listen.UseHttps(certificate));
if (h2cPort is int cleartextPort)
{
    options.Listen(IPAddress.Loopback, cleartextPort, listen => listen.Protocols = H2ListenProtocols.PriorKnowledge);
}

await using var server = new H2Server(options, new Router(root));
await server.StartAsync();
Console.WriteLine($"Listening on https://127.0.0.1:{tlsPort}/ (HTTP/2 over TLS, ALPN h2), serving {root}");
if (h2cPort is int port)
{
    Console.WriteLine($"Listening on http://127.0.0.1:{port}/ (HTTP/2 with prior knowledge)");
}
try
{
    await Task.Delay(Timeout.Infinite, stopping.Token);
}
catch (OperationCanceledException)
{
    // Stopping.
}
await server.StopAsync();
Console.WriteLine("Stopped.");

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
