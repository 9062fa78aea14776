using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace H2Sharp.Http.Benchmarks;

/// <summary>The Kestrel server of the benchmark (child process mode): GET /hello, HTTP/2 cleartext only.</summary>
internal static class KestrelTarget
{
    public static async Task RunAsync(int port, TimeSpan lifetime)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            options.AddServerHeader = false;
            options.Limits.Http2.MaxStreamsPerConnection = 128;
            options.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        WebApplication app = builder.Build();
        byte[] hello = "hello from kestrel\n"u8.ToArray();
        app.MapGet("/hello", (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            context.Response.ContentLength = hello.Length;
            return context.Response.Body.WriteAsync(hello).AsTask();
        });
        await app.StartAsync();
        Console.WriteLine("listening");
        await Task.Delay(lifetime);
        await app.StopAsync();
    }
}
