// UpgradeServer: HTTP/2 for "http://" URLs through the HTTP/1.1 Upgrade mechanism (h2's
// "HTTP URLs (Upgrade)"; RFC 7540 section 3.2). The client sends an ordinary HTTP/1.1 request
// with "Upgrade: h2c" and an HTTP2-Settings field; we answer "101 Switching Protocols" and from
// then on both sides speak HTTP/2, the first request becoming stream 1. Clients that start
// with the HTTP/2 preface (prior knowledge) are served too.
// A request with a body (a POST with Upgrade: h2c) is answered in HTTP/1.1 instead: the upgrade
// is declined, as RFC 9110 section 7.8 allows, rather than reading the body in HTTP/1.1 first.
//
// RFC 9113 deprecates this upgrade ("never widely deployed"); prefer TLS with ALPN
// (AsyncServer) or prior knowledge (GettingStarted). It remains what `curl --http2` tries on
// an http:// URL:
//
//   dotnet run --project samples/UpgradeServer      # http://127.0.0.1:8080/
//   curl --http2 http://127.0.0.1:8080/              # upgrades, then prints the request as JSON
//   nghttp -u http://127.0.0.1:8080/
//
// Options: --port N (default 8080), --exit-after-seconds N (stop on its own; tests use it).
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using UpgradeServer;

int port = int.Parse(Option("--port") ?? "8080", CultureInfo.InvariantCulture);
if (Option("--exit-after-seconds") is string seconds)
{
    _ = Task.Delay(TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)))
        .ContinueWith(_ => Environment.Exit(0), TaskScheduler.Default);
}

using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
listener.Listen(64);
Console.WriteLine($"Listening on http://127.0.0.1:{port}/ (HTTP/1.1 Upgrade: h2c, or HTTP/2 prior knowledge)");

while (true)
{
    Socket client = listener.Accept();
    new Thread(() => UpgradeSession.Serve(client)) { IsBackground = true }.Start();
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
