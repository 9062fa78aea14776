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
//   dotnet run --project samples/UpgradeServer -- --help
//
// Blocking sockets, one thread per connection; the Generic Host runs the listener (console
// logging, Ctrl+C as a graceful stop).
using System.CommandLine;
using H2Sharp.Samples;
using UpgradeServer;

Option<int> port = SampleCommandLine.Port("The port on 127.0.0.1.", () => 8080);
Option<double?> exitAfter = SampleCommandLine.ExitAfterSeconds();
var command = new RootCommand("An HTTP/2 server for http:// URLs: HTTP/1.1 \"Upgrade: h2c\", or prior knowledge; answers with the request as JSON.")
{
    port, exitAfter,
};
command.SetAction((parsed, _) => LoopbackListener.RunAsync(parsed.GetValue(port), "HTTP/1.1 Upgrade: h2c, or HTTP/2 prior knowledge", parsed.GetValue(exitAfter),
    (socket, _) => LoopbackListener.OnThread(() => UpgradeSession.Serve(socket))));
return await SampleCommandLine.InvokeAsync(command, args);
