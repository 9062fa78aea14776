// PipelinesServer: HTTP/2 over System.IO.Pipelines, cleartext with prior knowledge.
//
// The socket is read through a PipeReader and written through a PipeWriter: received bytes
// are handed to H2Connection segment by segment without copying, and the connection's output
// goes straight into the pipe's buffers. Each connection is one async loop; responses wait in
// a queue for flow-control credit instead of in tasks of their own.
//
//   dotnet run --project samples/PipelinesServer           # http://127.0.0.1:8080/
//   curl --http2-prior-knowledge http://127.0.0.1:8080/      # the request's headers as JSON
//   curl --http2-prior-knowledge http://127.0.0.1:8080/bytes/1000000 | wc -c
//
// Options: --port N (default 8080), --exit-after-seconds N (stop on its own; tests use it).
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using PipelinesServer;

int port = int.Parse(Option("--port") ?? "8080", CultureInfo.InvariantCulture);
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopping.Cancel(); };
if (Option("--exit-after-seconds") is string seconds)
{
    stopping.CancelAfter(TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)));
}

using var listener = new TcpListener(IPAddress.Loopback, port);
listener.Start();
Console.WriteLine($"Listening on http://127.0.0.1:{port}/ (HTTP/2 with prior knowledge over System.IO.Pipelines)");
var connections = new List<Task>();
try
{
    while (true)
    {
        Socket socket = await listener.AcceptSocketAsync(stopping.Token);
        connections.RemoveAll(t => t.IsCompleted);
        connections.Add(ServeAsync(socket, stopping.Token));
    }
}
catch (OperationCanceledException)
{
    // Ctrl+C or --exit-after-seconds.
}
await Task.WhenAll(connections);
Console.WriteLine("Stopped.");

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
    finally
    {
        await input.CompleteAsync();
        await output.CompleteAsync();
    }
}

string? Option(string name)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
