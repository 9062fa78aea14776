// HttpClientSample: HttpClient and Grpc.Net.Client over H2SharpHandler.
//
//   dotnet run --project samples/HttpClientSample -- http://127.0.0.1:8080/        # prints the body of a GET
//   dotnet run --project samples/HttpClientSample -- -k https://127.0.0.1:8443/    # TLS, any certificate accepted
//   dotnet run --project samples/HttpClientSample -- --grpc http://127.0.0.1:5000  # greet.Greeter/SayHello, prints the reply
//
//   dotnet run --project samples/HttpClientSample -- --help                         # the options
//
// Options (parsed by System.CommandLine): -k / --insecure accepts any TLS certificate
// (self-signed test servers); --name NAME is the name sent to SayHello (default "H2Sharp").
// Exit code 1 on failure, 2 for a command line that does not parse (its errors and the help
// go to standard error).
using System.CommandLine;
using System.Net;
using Greet;
using Grpc.Net.Client;
using H2Sharp.Http;
using H2Sharp.Samples;

var urlArgument = new Argument<string>("URL") { Description = "An absolute http or https URL: the resource to GET, or with --grpc the gRPC server's address." };
urlArgument.Validators.Add(result =>
{
    string? text = result.GetValue(urlArgument);
    if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
    {
        result.AddError($"'{text}' is not an absolute http or https URL.");
    }
});
var grpc = new Option<bool>("--grpc") { Description = "Call greet.Greeter/SayHello at URL with Grpc.Net.Client and print the reply." };
var insecure = new Option<bool>("--insecure", "-k") { Description = "Accept any TLS certificate (for self-signed test servers)." };
var name = new Option<string>("--name") { Description = "The name sent to SayHello.", HelpName = "NAME", DefaultValueFactory = _ => "H2Sharp" };
var command = new RootCommand("HttpClient and Grpc.Net.Client over H2SharpHandler: prints the body of a GET, or the reply of a gRPC call.")
{
    urlArgument, grpc, insecure, name,
};
command.SetAction((parsed, _) => RunAsync(new Uri(parsed.GetValue(urlArgument)!), parsed.GetValue(grpc), parsed.GetValue(insecure), parsed.GetValue(name)!));
return await SampleCommandLine.InvokeAsync(command, args);

static async Task<int> RunAsync(Uri uri, bool grpc, bool insecure, string name)
{
    var handler = new H2SharpHandler();
    if (insecure)
    {
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
    }

    try
    {
        if (grpc)
        {
            // Grpc.Net.Client takes any HttpMessageHandler: H2SharpHandler carries its HTTP/2 streams.
            using GrpcChannel channel = GrpcChannel.ForAddress(uri, new GrpcChannelOptions { HttpHandler = handler });
            var client = new Greeter.GreeterClient(channel);
            HelloReply reply = await client.SayHelloAsync(new HelloRequest { Name = name }, deadline: DateTime.UtcNow.AddSeconds(30));
            Console.WriteLine(reply.Message);
        }
        else
        {
            using var http = new HttpClient(handler)
            {
                DefaultRequestVersion = HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Timeout = TimeSpan.FromSeconds(30),
            };
            using HttpResponseMessage response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            await using Stream body = await response.Content.ReadAsStreamAsync();
            await using Stream stdout = Console.OpenStandardOutput();
            await body.CopyToAsync(stdout);
            if (!response.IsSuccessStatusCode)
            {
                Console.Error.WriteLine($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                return 1;
            }
        }

        return 0;
    }
    catch (Exception e) when (e is HttpRequestException or Grpc.Core.RpcException or TaskCanceledException)
    {
        Console.Error.WriteLine("error: " + e.Message);
        return 1;
    }
}
