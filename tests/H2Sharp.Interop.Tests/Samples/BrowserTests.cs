using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>
/// samples/AsyncServer reached by a real browser: Debian's Chromium, headless, loads a page,
/// its script file and a POST to /echo over TLS. The sample's ALPN offers only "h2", so a page
/// that loads at all was served over HTTP/2; the page's script also reports the protocol the
/// browser negotiated and the request headers H2Sharp received.
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed class BrowserTests
{
    private const string Marker = "H2Sharp browser marker 5c1e-page-loaded";

    private const string EchoBody = "posted by chromium";

    private static readonly TimeSpan BrowserTimeout = TimeSpan.FromSeconds(30);

    // The page writes what its script found into the DOM, which --dump-dom prints once the
    // virtual time budget is spent (the fetch finishes well within it on loopback).
    private const string IndexHtml = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>browser test</title></head>\n"
        + "<body><p id=\"marker\">" + Marker + "</p>\n<pre id=\"protocol\"></pre>\n<pre id=\"echo\"></pre>\n"
        + "<script src=\"app.js\"></script></body></html>\n";

    private const string AppJs = "const nav = performance.getEntriesByType('navigation')[0];\n"
        + "document.getElementById('protocol').textContent = 'protocol=' + nav.nextHopProtocol;\n"
        + "fetch('/echo?from=browser', { method: 'POST', body: '" + EchoBody + "' })\n"
        + "  .then(r => r.text())\n"
        + "  .then(t => { document.getElementById('echo').textContent = t; })\n"
        + "  .catch(e => { document.getElementById('echo').textContent = 'fetch failed: ' + e; });\n";

    [Fact]
    public void Chromium_loads_a_page_its_script_and_a_post_to_echo_over_http2()
    {
        string chromium = ExternalTool.Require("chromium", "chromium");
        string root = Directory.CreateTempSubdirectory("h2sharp-browser-root-").FullName;
        string profile = Directory.CreateTempSubdirectory("h2sharp-browser-profile-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "index.html"), IndexHtml);
            File.WriteAllText(Path.Combine(root, "app.js"), AppJs);
            int port = Loopback.FreePort();
            using PeerProcess server = SampleProgram.StartServer("AsyncServer", $"--port {port} --root \"{root}\"", port);

            // The background-networking flags keep Chromium from reaching out to Google services,
            // which this machine's closed network refuses; QUIC is off so only TCP+TLS is tried.
            using var browser = PeerProcess.Start(chromium,
                "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                + "--disable-background-networking --disable-component-update --disable-sync "
                + $"--user-data-dir=\"{profile}\" --ignore-certificate-errors --virtual-time-budget=5000 "
                + $"--dump-dom https://127.0.0.1:{port}/");
            int exitCode = browser.WaitForExit(BrowserTimeout);
            string dom = browser.StandardOutput;
            string context = $"\nexit code {exitCode}\ndom: {dom}\nstderr: {browser.StandardError}";

            Assert.True(exitCode == 0, "chromium failed." + context);
            Assert.True(dom.Contains("<p id=\"marker\">" + Marker + "</p>", StringComparison.Ordinal), "marker missing." + context);
            Assert.Equal("protocol=h2", ElementText(dom, "protocol"));

            using JsonDocument echo = JsonDocument.Parse(ElementText(dom, "echo"));
            Assert.Equal("POST", echo.RootElement.GetProperty("method").GetString());
            Assert.Equal("/echo?from=browser", echo.RootElement.GetProperty("path").GetString());
            Assert.Equal(EchoBody, echo.RootElement.GetProperty("body").GetString());
            SortedDictionary<string, string> headers = Json.StringMap(echo.RootElement.GetProperty("headers"));
            // Pseudo-header fields exist only in HTTP/2: H2Sharp decoded the browser's HEADERS frame.
            Assert.Equal("POST", headers[":method"]);
            Assert.Equal("https", headers[":scheme"]);
            Assert.Equal($"127.0.0.1:{port}", headers[":authority"]);
            Assert.Equal("/echo?from=browser", headers[":path"]);
            Assert.Equal(EchoBody.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), headers["content-length"]);
            Assert.Equal($"https://127.0.0.1:{port}", headers["origin"]);
            Assert.Contains("Chrome/", headers["user-agent"], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
            Directory.Delete(profile, recursive: true);
        }
    }

    /// <summary>The text the page's script wrote into the &lt;pre&gt; with this id, unescaped.</summary>
    private static string ElementText(string dom, string id)
    {
        Match match = Regex.Match(dom, $"<pre id=\"{id}\">(.*?)</pre>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no <pre id=\"{id}\"> in the dumped DOM:\n{dom}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
