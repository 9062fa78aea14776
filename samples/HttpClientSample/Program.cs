// HttpClientSample: HttpClient and Grpc.Net.Client over H2SharpHandler.
//
//   dotnet run --project samples/HttpClientSample -- http://127.0.0.1:8080/        # prints the body of a GET
//   dotnet run --project samples/HttpClientSample -- -k https://127.0.0.1:8443/    # TLS, any certificate accepted
//   dotnet run --project samples/HttpClientSample -- --grpc http://127.0.0.1:5000  # greet.Greeter/SayHello, prints the reply
//
// Options: -k / --insecure accepts any TLS certificate (self-signed test servers);
// --name NAME is the name sent to SayHello (default "H2Sharp"). Exit code 1 on failure.
using System.Net;
using Greet;
using Grpc.Net.Client;
using H2Sharp.Http;

bool grpc = false, insecure = false;
string name = "H2Sharp";
string? url = null;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--grpc": grpc = true; break;
        case "-k" or "--insecure": insecure = true; break;
        case "--name" when i + 1 < args.Length: name = args[++i]; break;
        default: url = args[i]; break;
    }
}

if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
{
    Console.Error.WriteLine("usage: HttpClientSample [-k] URL | [-k] --grpc URL [--name NAME]");
    return 2;
}

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
