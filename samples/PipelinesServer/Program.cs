// PipelinesServer: HTTP/2 over System.IO.Pipelines, cleartext with prior knowledge.
//
// The socket is read through a PipeReader and written through a PipeWriter: received bytes
// are handed to H2Connection segment by segment without copying, and the connection's output
// goes straight into the pipe's buffers. Each connection is one async loop; responses wait in
// a queue for flow-control credit instead of in tasks of their own. The Generic Host runs the
// listener (console logging; Ctrl+C sends every connection GOAWAY and waits for them).
//
//   dotnet run --project samples/PipelinesServer           # http://127.0.0.1:8080/
//   curl --http2-prior-knowledge http://127.0.0.1:8080/      # the request's headers as JSON
//   curl --http2-prior-knowledge http://127.0.0.1:8080/bytes/1000000 | wc -c
//   dotnet run --project samples/PipelinesServer -- --help  # the options
using System.CommandLine;
using System.IO.Pipelines;
using System.Net.Sockets;
using H2Sharp.Samples;
using PipelinesServer;

Option<int> port = SampleCommandLine.Port("The port on 127.0.0.1.", () => 8080);
Option<double?> exitAfter = SampleCommandLine.ExitAfterSeconds();
var command = new RootCommand("An HTTP/2 server (cleartext, prior knowledge) over System.IO.Pipelines: the request's headers as JSON, /bytes/N for N bytes.")
{
    port, exitAfter,
};
command.SetAction((parsed, _) => LoopbackListener.RunAsync(parsed.GetValue(port), "HTTP/2 with prior knowledge over System.IO.Pipelines", parsed.GetValue(exitAfter), ServeAsync));
return await SampleCommandLine.InvokeAsync(command, args);

static async Task ServeAsync(Socket socket, CancellationToken stopping)
{
    socket.NoDelay = true;
    await using var stream = new NetworkStream(socket, ownsSocket: true);
    PipeReader input = PipeReader.Create(stream);
    PipeWriter output = PipeWriter.Create(stream);
    try
    {
        await new PipeSession(input, output).RunAsync(stopping);
    }
    catch (Exception e) when (e is IOException or OperationCanceledException)
    {
        // The client went away, or we are stopping.
    }
    try
    {
        // The writer first: completing it sends what is left (a GOAWAY), and completing either
        // pipe closes the stream under the other.
        await output.CompleteAsync();
        await input.CompleteAsync();
    }
    catch (Exception e) when (e is IOException or ObjectDisposedException)
    {
        // The client is already gone.
    }
}
