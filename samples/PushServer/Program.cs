// PushServer: HTTP/2 server push. A request for "/" is answered with the page, and the style
// sheet and script the page needs are pushed along with it, before the browser asks.
// Cleartext with prior knowledge, blocking sockets, one thread per connection.
//
//   dotnet run --project samples/PushServer                # http://127.0.0.1:8080/
//   nghttp -nv http://127.0.0.1:8080/                       # shows PUSH_PROMISE frames
//
// curl and .NET's HttpClient turn push off (SETTINGS_ENABLE_PUSH = 0): they get the page alone.
// Push is deprecated in browsers too; it remains part of HTTP/2 (RFC 9113 section 8.4).
//
// Options: --port N (default 8080), --exit-after-seconds N (stop on its own; tests use it).
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PushServer;

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
Console.WriteLine($"Listening on http://127.0.0.1:{port}/ (HTTP/2 with prior knowledge, server push)");

while (true)
{
    Socket client = listener.Accept();
    // Each connection gets its own thread and its own H2Connection: never share one between threads.
    new Thread(() => PushSession.Serve(client)) { IsBackground = true }.Start();
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
