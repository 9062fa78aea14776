// AsyncServer: HTTP/2 over TLS with async/await, reachable from curl, HttpClient, nghttp and
// browsers. The C# counterpart of h2's "Asyncio Example Server", on H2Sharp.Server: the
// server owns the sockets, TLS, limits and the one task per connection; the Generic Host runs
// it (console logging, Ctrl+C as a graceful stop); this file says what to listen on and
// Router says what to answer.
//
//   dotnet run --project samples/AsyncServer                   # https://127.0.0.1:8443/
//   curl --http2 -k https://127.0.0.1:8443/                     # index.html from wwwroot
//   curl --http2 -k -d '{"hi":1}' https://127.0.0.1:8443/echo   # body and headers as JSON
//   dotnet run --project samples/AsyncServer -- --help          # the options
using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using AsyncServer;
using H2Sharp.Samples;
using H2Sharp.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

Option<int> tlsPort = SampleCommandLine.Port("TLS port; HTTP/2 is negotiated with ALPN \"h2\".", () => 8443);
Option<int?> h2cPort = SampleCommandLine.OptionalPort("--h2c", "Also serve cleartext HTTP/2 with prior knowledge on port N.");
var root = new Option<DirectoryInfo?>("--root") { Description = "The static files (default: wwwroot next to the program).", HelpName = "DIR" };
Option<double?> exitAfter = SampleCommandLine.ExitAfterSeconds();
var command = new RootCommand("An HTTP/2 server on H2Sharp.Server: /echo answers with the request as JSON, every other path is a static file.")
{
    tlsPort, h2cPort, root, exitAfter,
};
var (certificateFile, keyFile) = SampleCommandLine.CertificateFiles(command);

command.SetAction(async (parsed, cancellationToken) =>
{
    string directory = parsed.GetValue(root)?.FullName ?? Path.Combine(AppContext.BaseDirectory, "wwwroot");
    X509Certificate2 certificate = SampleCertificates.Load(parsed.GetValue(certificateFile)?.FullName, parsed.GetValue(keyFile)?.FullName);

    var options = new H2ServerOptions { ShutdownTimeout = TimeSpan.FromSeconds(5) };
    // ALPN "h2" only: a client offering just http/1.1 fails the handshake.
    options.Listen(IPAddress.Loopback, parsed.GetValue(tlsPort), listen => listen.UseHttps(certificate));
    if (parsed.GetValue(h2cPort) is int cleartextPort)
    {
        options.Listen(IPAddress.Loopback, cleartextPort, listen => listen.Protocols = H2ListenProtocols.PriorKnowledge);
    }

    HostApplicationBuilder builder = SampleHost.CreateBuilder(parsed.GetValue(exitAfter));
    // The server logs a line per endpoint it listens on; ServerHost adds the URLs to try.
    builder.Services.AddHostedService(services => new ServerHost(
        new H2Server(options, new Router(directory), services.GetRequiredService<ILoggerFactory>()),
        directory, services.GetRequiredService<ILogger<ServerHost>>()));
    using IHost host = builder.Build();
    // Ctrl+C, SIGTERM or --exit-after-seconds stops the host: GOAWAY to every client, streams in flight finish.
    await host.RunAsync(cancellationToken);
    return 0;
});
return await SampleCommandLine.InvokeAsync(command, args);
