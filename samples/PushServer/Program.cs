// PushServer: HTTP/2 server push. A request for "/" is answered with the page, and the style
// sheet and script the page needs are pushed along with it, before the browser asks.
// Cleartext with prior knowledge, blocking sockets, one thread per connection; the Generic
// Host runs the listener (console logging, Ctrl+C as a graceful stop).
//
//   dotnet run --project samples/PushServer                # http://127.0.0.1:8080/
//   nghttp -nv http://127.0.0.1:8080/                       # shows PUSH_PROMISE frames
//   dotnet run --project samples/PushServer -- --help       # the options
//
// curl and .NET's HttpClient turn push off (SETTINGS_ENABLE_PUSH = 0): they get the page alone.
// Push is deprecated in browsers too; it remains part of HTTP/2 (RFC 9113 section 8.4).
using System.CommandLine;
using H2Sharp.Samples;
using PushServer;

Option<int> port = SampleCommandLine.Port("The port on 127.0.0.1.", () => 8080);
Option<double?> exitAfter = SampleCommandLine.ExitAfterSeconds();
var command = new RootCommand("An HTTP/2 server (cleartext, prior knowledge) that pushes the style sheet and script of \"/\" with the page.")
{
    port, exitAfter,
};
command.SetAction((parsed, _) => LoopbackListener.RunAsync(parsed.GetValue(port), "HTTP/2 with prior knowledge, server push", parsed.GetValue(exitAfter),
    // Each connection gets its own thread and its own H2Connection: never share one between threads.
    (socket, _) => LoopbackListener.OnThread(() => PushSession.Serve(socket))));
return await SampleCommandLine.InvokeAsync(command, args);
