// GettingStarted: the server of docs/getting-started.md, the C# twin of h2's tutorial
// "Writing Your Own HTTP/2 Server".
//
// One thread, blocking sockets, cleartext HTTP/2 with prior knowledge. Every request is
// answered with its own headers as JSON, a little like httpbin.org/get.
//
//   dotnet run --project samples/GettingStarted        # listens on 127.0.0.1:8080
//   curl --http2-prior-knowledge http://127.0.0.1:8080/
//   dotnet run --project samples/GettingStarted -- --help   # the options
//
// Options: --port N (or the environment variable H2SHARP_PORT=N) and --exit-after-seconds N
// (stop on its own; the tests use it so that nothing is left running), parsed by
// System.CommandLine. The server itself, the steps of the tutorial, starts at Serve below.
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using H2Sharp;
using H2Sharp.Events;
using H2Sharp.Samples;

Option<int> port = SampleCommandLine.Port("The port on 127.0.0.1 (default: the environment variable H2SHARP_PORT, else 8080).",
    () => int.TryParse(Environment.GetEnvironmentVariable("H2SHARP_PORT"), System.Globalization.CultureInfo.InvariantCulture, out int fromEnvironment) ? fromEnvironment : 8080);
Option<double?> exitAfter = SampleCommandLine.ExitAfterSeconds();
var command = new RootCommand("The tutorial server of docs/getting-started.md: cleartext HTTP/2 with prior knowledge, every request answered with its headers as JSON.")
{
    port, exitAfter,
};
command.SetAction(parsed =>
{
    if (parsed.GetValue(exitAfter) is double seconds)
    {
        // A safety net for scripts and tests: the process ends by itself after N seconds.
        _ = Task.Delay(TimeSpan.FromSeconds(seconds)).ContinueWith(_ => Environment.Exit(0), TaskScheduler.Default);
    }
    Serve(parsed.GetValue(port));
});
return await SampleCommandLine.InvokeAsync(command, args);

static void Serve(int port)
{
    // Step 1: a listening socket. ReuseAddress lets you restart the program at once.
    using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
    listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
    listener.Listen(5);
    Console.WriteLine($"Listening on http://127.0.0.1:{port}/ (HTTP/2 with prior knowledge; Ctrl+C to stop)");

    // One client at a time, as in the tutorial. A client that misbehaves or vanishes only ends
    // its own connection.
    while (true)
    {
        using Socket client = listener.Accept();
        try
        {
            Handle(client);
        }
        catch (Exception e) when (e is SocketException or H2Exception)
        {
            Console.WriteLine($"connection ended: {e.Message}");
        }
    }
}

// Steps 2 to 4: an H2Connection per socket, fed with everything the socket reads. Whatever
// it wants to say back (its preamble, our responses) comes out of DataToSend.
static void Handle(Socket sock)
{
    var conn = new H2Connection(new H2Configuration { ClientSide = false });
    conn.InitiateConnection();
    sock.Send(conn.DataToSend());

    var buffer = new byte[65535];
    while (true)
    {
        int read = sock.Receive(buffer);
        if (read == 0)
        {
            break; // the client closed the connection
        }

        IReadOnlyList<H2Event> events;
        try
        {
            events = conn.ReceiveData(buffer.AsSpan(0, read));
        }
        catch (ProtocolException)
        {
            // The client broke the protocol: the connection has queued a GOAWAY. Send it, hang up.
            sock.Send(conn.DataToSend());
            throw;
        }

        bool terminated = false;
        foreach (H2Event e in events)
        {
            if (e is RequestReceived request)
            {
                SendResponse(conn, request);
            }
            else if (e is ConnectionTerminated)
            {
                terminated = true; // the client sent GOAWAY
            }
        }

        byte[] dataToSend = conn.DataToSend();
        if (dataToSend.Length > 0)
        {
            sock.Send(dataToSend);
        }
        if (terminated)
        {
            break;
        }
    }
}

// Step 5: the response is the request's headers as a JSON object, in the order they came.
static void SendResponse(H2Connection conn, RequestReceived request)
{
    var json = new JsonObject();
    foreach (HeaderField field in request.Headers)
    {
        json[field.NameString] = field.ValueString; // a repeated name keeps its last value
    }
    byte[] body = Encoding.UTF8.GetBytes(json.ToJsonString());

    conn.SendHeaders(request.StreamId,
    [
        new HeaderField(":status", "200"),
        new HeaderField("server", "basic-h2sharp-server/1.0"),
        new HeaderField("content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new HeaderField("content-type", "application/json"),
    ]);
    // The body is far below both the initial flow-control window (65,535 bytes) and the
    // smallest frame size (16,384), so one DATA frame carries it; AsyncServer shows the general case.
    conn.SendData(request.StreamId, body, endStream: true);
}
