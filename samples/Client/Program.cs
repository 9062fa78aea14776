// Client: a command-line HTTP/2 client. All URLs go to one server over one connection, as
// concurrent streams; the responses are printed in the order of the URLs.
//
//   dotnet run --project samples/Client -- http://127.0.0.1:8080/            # cleartext, prior knowledge
//   dotnet run --project samples/Client -- -k https://127.0.0.1:8443/ https://127.0.0.1:8443/style.css
//   dotnet run --project samples/Client -- --head http://127.0.0.1:8080/
//   dotnet run --project samples/Client -- -k --post photo.jpg https://127.0.0.1:8443/echo
//
// Options:
//   --head          send HEAD instead of GET
//   --post FILE     send POST with FILE as the body (sent as flow control allows)
//   -k, --insecure  accept any TLS certificate (for self-signed test servers)
//   --timeout N     give up after N seconds (default 30)
//
// Output, for each URL: a line "METHOD URL (stream N)", the response headers one per line
// (":status" first), an empty line, then the body exactly as received.
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using Client;
using H2Sharp;

var urls = new List<Uri>();
string method = "GET";
string? postFile = null;
bool insecure = false;
double timeoutSeconds = 30;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--head": method = "HEAD"; break;
        case "--post": method = "POST"; postFile = args[++i]; break;
        case "-k" or "--insecure": insecure = true; break;
        case "--timeout": timeoutSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: urls.Add(new Uri(args[i])); break;
    }
}
if (urls.Count == 0 || urls.Exists(u => u.Scheme is not ("http" or "https") || u.Authority != urls[0].Authority || u.Scheme != urls[0].Scheme))
{
    Console.Error.WriteLine("usage: Client [--head | --post FILE] [-k] [--timeout N] URL [URL...]  (http or https URLs of one server)");
    return 2;
}
// The cast matters: a null byte[] converts to an empty (non-null) ReadOnlyMemory, and a GET would
// then end its stream with an empty DATA frame instead of on HEADERS.
ReadOnlyMemory<byte>? body = postFile is null ? null : (ReadOnlyMemory<byte>)await File.ReadAllBytesAsync(postFile);
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
CancellationToken token = timeout.Token;

// Step 1: a TCP connection, and for https a TLS session that must agree on "h2" with ALPN.
Uri origin = urls[0];
using var tcp = new TcpClient { NoDelay = true };
await tcp.ConnectAsync(origin.Host, origin.Port, token);
Stream transport = tcp.GetStream();
if (origin.Scheme == "https")
{
    var ssl = new SslStream(transport);
    await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
    {
        TargetHost = origin.IdnHost, // SNI
        ApplicationProtocols = [SslApplicationProtocol.Http2],
#pragma warning disable CA5359 // -k asks for exactly this: test servers with self-signed certificates
        RemoteCertificateValidationCallback = insecure ? (_, _, _, _) => true : null,
#pragma warning restore CA5359
    }, token);
    if (ssl.NegotiatedApplicationProtocol != SslApplicationProtocol.Http2)
    {
        Console.Error.WriteLine($"{origin.Authority} did not agree to HTTP/2 (ALPN)");
        return 1;
    }
    transport = ssl;
}
// For http, no negotiation at all: "prior knowledge" that the server speaks HTTP/2.

// Step 2: the HTTP/2 connection, then every request at once, each on its own stream.
using var client = new Http2Client(transport);
await client.StartAsync(token);
Task<PendingResponse>[] requests = urls.ConvertAll(url => client.SendAsync(method, url, body, token)).ToArray();

int exitCode = 0;
using Stream stdout = Console.OpenStandardOutput();
for (int i = 0; i < urls.Count; i++)
{
    try
    {
        PendingResponse response = await requests[i];
        Write(stdout, $"{method} {urls[i]} (stream {response.StreamId})\n");
        foreach (HeaderField field in response.Headers)
        {
            Write(stdout, $"{field.NameString}: {field.ValueString}\n");
        }
        Write(stdout, "\n");
        stdout.Write(response.Body.GetBuffer(), 0, (int)response.Body.Length);
    }
    catch (Exception e) when (e is IOException or H2Exception or OperationCanceledException)
    {
        Console.Error.WriteLine($"{method} {urls[i]} failed: {e.Message}");
        exitCode = 1;
    }
}
stdout.Flush();

// Step 3: GOAWAY, then wait (briefly) for the server to close its side.
try
{
    await client.CloseAsync(token);
    await client.Completion.WaitAsync(TimeSpan.FromSeconds(2), token);
}
catch (Exception e) when (e is IOException or H2Exception or OperationCanceledException or TimeoutException)
{
    // The responses are in; how the connection ends does not change them.
}
return exitCode;

static void Write(Stream output, string text) => output.Write(System.Text.Encoding.UTF8.GetBytes(text));
