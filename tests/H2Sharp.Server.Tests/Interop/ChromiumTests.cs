using System.Buffers;
using System.Collections.Concurrent;
using H2Sharp.Server.Tests.Support;

namespace H2Sharp.Server.Tests.Interop;

/// <summary>Chromium headless loading a page with subresources over TLS; its net log says which protocol it used.</summary>
public class ChromiumTests
{
    private const string Page = "<!doctype html><html><head><link rel=stylesheet href=/style.css><script src=/app.js></script></head>"
        + "<body><img src=/dot.svg><p id=out>waiting</p></body></html>";

    private const string Script = "window.addEventListener('load', () => { document.getElementById('out').textContent = 'loaded ' + document.images[0].naturalWidth; });";

    private const string Style = "p { color: green }";

    private const string Dot = "<svg xmlns='http://www.w3.org/2000/svg' width='7' height='7'><rect width='7' height='7'/></svg>";

    [Fact]
    public async Task Chromium_loads_a_page_and_its_subresources_over_h2()
    {
        var served = new ConcurrentQueue<string>();
        await using TestServer server = await TestServer.StartAsync(context =>
        {
            served.Enqueue(context.Path);
            (string type, string body) = context.Path switch
            {
                "/" => ("text/html", Page),
                "/app.js" => ("text/javascript", Script),
                "/style.css" => ("text/css", Style),
                "/dot.svg" => ("image/svg+xml", Dot),
                _ => ("text/plain", ""),
            };
            if (body.Length == 0)
            {
                context.StatusCode = 404;
            }
            context.ResponseHeaders.Add(new("content-type", type));
            context.ResponseBodyWriter.Write(System.Text.Encoding.UTF8.GetBytes(body));
            return default;
        }, tls: true);
        string dir = Directory.CreateTempSubdirectory("h2sharp-chromium-").FullName;
        try
        {
            string netLog = Path.Combine(dir, "netlog.json");
            var (exit, output) = Tool.Run("chromium",
                $"--headless=new --no-sandbox --disable-gpu --no-first-run --ignore-certificate-errors --user-data-dir={dir}/profile "
                + $"--log-net-log={netLog} --dump-dom {server.Https}/", TimeSpan.FromSeconds(90));

            Assert.True(exit == 0, output);
            Assert.Contains("<p id=\"out\">loaded 7</p>", output, StringComparison.Ordinal); // script ran after the image loaded
            Assert.Contains("/", served);
            Assert.Contains("/app.js", served);
            Assert.Contains("/style.css", served);
            Assert.Contains("/dot.svg", served);
            string log = await File.ReadAllTextAsync(netLog);
            Assert.Contains("\"negotiated_protocol\":\"h2\"", log, StringComparison.Ordinal);
            Assert.DoesNotContain("\"negotiated_protocol\":\"http/1.1\"", log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
