// Client: a command-line HTTP/2 client. All URLs go to one server over one connection, as
// concurrent streams; the responses are printed in the order of the URLs.
//
//   dotnet run --project samples/Client -- http://127.0.0.1:8080/            # cleartext, prior knowledge
//   dotnet run --project samples/Client -- -k https://127.0.0.1:8443/ https://127.0.0.1:8443/style.css
//   dotnet run --project samples/Client -- --head http://127.0.0.1:8080/
//   dotnet run --project samples/Client -- -k --post photo.jpg https://127.0.0.1:8443/echo
//
//   dotnet run --project samples/Client -- --help
//
// Options (parsed by System.CommandLine):
//   --head          send HEAD instead of GET
//   --post FILE     send POST with FILE as the body (sent as flow control allows)
//   -k, --insecure  accept any TLS certificate (for self-signed test servers)
//   --timeout N     give up after N seconds (default 30)
//
// Output, for each URL: a line "METHOD URL (stream N)", the response headers one per line
// (":status" first), an empty line, then the body exactly as received. A command line that
// does not parse prints what was wrong and the help on standard error and exits with 2.
using System.CommandLine;
using System.Net.Security;
using System.Net.Sockets;
using Client;
using H2Sharp;
using H2Sharp.Samples;

var urlArguments = new Argument<string[]>("URL") { Description = "http or https URLs of one server, fetched as concurrent streams of one connection.", Arity = ArgumentArity.OneOrMore };
var head = new Option<bool>("--head") { Description = "Send HEAD instead of GET." };
var post = new Option<FileInfo>("--post") { Description = "Send POST with FILE as the body (sent as flow control allows).", HelpName = "FILE" };
post.AcceptExistingOnly();
var insecure = new Option<bool>("--insecure", "-k") { Description = "Accept any TLS certificate (for self-signed test servers)." };
Option<double> timeout = SampleCommandLine.Number("--timeout", "Give up after N seconds.", 0.001, 86_400.0, () => 30);
var command = new RootCommand("A command-line HTTP/2 client on H2Connection: prints each response's headers and body.")
{
    urlArguments, head, post, insecure, timeout,
};
command.Validators.Add(result =>
{
    if (result.GetValue(head) && result.GetResult(post) is not null)
    {
        result.AddError("--head and --post are alternatives: give one of them, or neither for GET.");
    }
    string[] given = result.GetValue(urlArguments) ?? [];
    var urls = new List<Uri>();
    foreach (string text in given)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
        {
            result.AddError($"'{text}' is not an http or https URL.");
            return;
        }
        urls.Add(url);
    }
    if (urls.Exists(u => u.Authority != urls[0].Authority || u.Scheme != urls[0].Scheme))
    {
        result.AddError("All URLs go to one server over one connection: give URLs of one scheme, host and port.");
    }
});
command.SetAction((parsed, _) => RunAsync(
    parsed.GetValue(head) ? "HEAD" : parsed.GetResult(post) is not null ? "POST" : "GET",
    [.. parsed.GetValue(urlArguments)!.Select(u => new Uri(u))],
    parsed.GetValue(post),
    parsed.GetValue(insecure),
    parsed.GetValue(timeout)));
return await SampleCommandLine.InvokeAsync(command, args);

static async Task<int> RunAsync(string method, List<Uri> urls, FileInfo? postFile, bool insecure, double timeoutSeconds)
{
    // The cast matters: a null byte[] converts to an empty (non-null) ReadOnlyMemory, and a GET would
    // then end its stream with an empty DATA frame instead of on HEADERS.
    ReadOnlyMemory<byte>? body = postFile is null ? null : (ReadOnlyMemory<byte>)await File.ReadAllBytesAsync(postFile.FullName);
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
}

static void Write(Stream output, string text) => output.Write(System.Text.Encoding.UTF8.GetBytes(text));
