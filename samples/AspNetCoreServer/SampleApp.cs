using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography.X509Certificates;
using AspNetCoreServer.Services;
using H2Sharp.Samples;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AspNetCoreServer;

/// <summary>Builds the sample app on H2Sharp or Kestrel: the same routes and handlers on both.</summary>
public static partial class SampleApp
{
    private static readonly byte[] s_hello = "hello from h2sharp\n"u8.ToArray();

    /// <summary>Builds the app from a command line (see <see cref="SampleOptions"/>; <c>--help</c> lists it).</summary>
    /// <exception cref="ArgumentException">The command line does not parse.</exception>
    public static WebApplication Build(string[] args) => Build(SampleOptions.Parse(args));

    /// <summary>Builds the app.</summary>
    public static WebApplication Build(SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Our flags are not configuration keys: the builder gets no args.
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(SampleApp).Assembly.GetName().Name });
        // Warnings only, on both servers: a log line per request would measure the console. The
        // sample's own lines (the addresses) and the host's (started, stopping) still show.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(typeof(SampleApp).FullName, LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);

        X509Certificate2? certificate = options.Tls ? SampleCertificates.Load(options.CertificatePath, options.KeyPath) : null;
        if (options.Kestrel)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
        }
        else
        {
            builder.WebHost.UseH2Sharp(h2 => h2.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }));
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddGrpc();

        WebApplication app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/", Hello);
        app.MapPost("/echo", Echo);
        app.Map("/ws", WebSocketEcho);
        app.MapGrpcService<GreeterService>();
        return app;
    }

    /// <summary>The addresses the started app listens on (the port resolved when 0 was asked).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        IServerAddressesFeature? feature = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>();
        return feature is null ? [] : [.. feature.Addresses];
    }

    /// <summary>Logs "H2Sharp listening on ADDRESS" (or Kestrel) for every address the started app listens on.</summary>
    public static void LogAddresses(WebApplication app, SampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SampleApp).FullName!);
        foreach (string address in Addresses(app))
        {
            Listening(logger, options.Kestrel ? "Kestrel" : "H2Sharp", address);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "{Server} listening on {Address}")]
    private static partial void Listening(ILogger logger, string server, string address);

    /// <summary>GET /: 200 text/plain "hello from h2sharp\n", after reading and discarding any request body.</summary>
    private static Task Hello(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            return DrainThenHelloAsync(context);
        }
        return WriteHello(context.Response);
    }

    private static async Task DrainThenHelloAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        await WriteHello(context.Response);
    }

    private static Task WriteHello(HttpResponse response)
    {
        response.ContentType = "text/plain";
        ValueTask<System.IO.Pipelines.FlushResult> write = response.BodyWriter.WriteAsync(s_hello);
        return write.IsCompletedSuccessfully ? Task.CompletedTask : write.AsTask();
    }

    /// <summary>POST /echo: the request body, back, with its content type.</summary>
    private static async Task Echo(HttpContext context)
    {
        context.Response.ContentType = context.Request.ContentType ?? "application/octet-stream";
        await context.Request.BodyReader.CopyToAsync(context.Response.BodyWriter, context.RequestAborted);
    }

    /// <summary>/ws: a WebSocket (over HTTP/2 extended CONNECT, RFC 8441) that echoes every message.</summary>
    private static async Task WebSocketEcho(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                return;
            }
            await socket.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, context.RequestAborted);
        }
    }
}
