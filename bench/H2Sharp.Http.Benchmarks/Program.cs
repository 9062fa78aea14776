// Client benchmark: H2SharpHandler against SocketsHttpHandler (HTTP/2, RequestVersionExact),
// N requests over one connection at -m concurrency, against Kestrel (a child process started
// here) and nghttpd; interleaved rounds. Prints req/s, client CPU per request, bytes allocated
// per request, and the H2Sharp / Sockets ratios (medians over rounds).
//
//   dotnet run -c Release --project bench/H2Sharp.Http.Benchmarks -- [-n 50000] [-m 100] [-r 5]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using H2Sharp.Http;
using H2Sharp.Http.Benchmarks;

if (args.Length >= 2 && args[0] == "serve-kestrel")
{
    await KestrelTarget.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), TimeSpan.FromMinutes(10));
    return 0;
}

int n = Option("-n", 50_000), m = Option("-m", 100), rounds = Option("-r", 5);
var targets = new List<(string Name, Uri Url, Process Process)>();
try
{
    int kestrelPort = FreePort();
    targets.Add(("Kestrel", new Uri($"http://127.0.0.1:{kestrelPort}/hello"),
        StartChild(Environment.ProcessPath!, Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? [typeof(KestrelTarget).Assembly.Location, "serve-kestrel", kestrelPort.ToString(CultureInfo.InvariantCulture)]
            : ["serve-kestrel", kestrelPort.ToString(CultureInfo.InvariantCulture)])));
    string root = Directory.CreateTempSubdirectory("h2sharp-http-bench-").FullName;
    File.WriteAllText(Path.Combine(root, "hello"), "hello from nghttpd\n");
    int nghttpdPort = FreePort();
    targets.Add(("nghttpd", new Uri($"http://127.0.0.1:{nghttpdPort}/hello"),
        StartChild("nghttpd", ["--no-tls", "-n", "1", "-d", root, nghttpdPort.ToString(CultureInfo.InvariantCulture)])));
    foreach (var t in targets)
    {
        await WaitForListener(t.Url.Port);
    }

    Console.WriteLine($"# {n} GET requests per run over one connection, {m} at a time, {rounds} interleaved rounds; " +
        $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
    Console.WriteLine("target\tround\thandler\treq/s\tcpu-us/req\tbytes/req");
    var results = new Dictionary<(string, string), List<Result>>();
    for (int round = 1; round <= rounds; round++)
    {
        foreach (var t in targets)
        {
            // Alternate which handler goes first, so neither always runs on a warmer machine.
            string[] order = round % 2 == 1 ? ["H2Sharp", "Sockets"] : ["Sockets", "H2Sharp"];
            foreach (string name in order)
            {
                Result r = await MeasureAsync(name, t.Url, n, m);
                Console.WriteLine($"{t.Name}\t{round}\t{name}\t{r.RequestsPerSecond:F0}\t{r.CpuMicrosPerRequest:F2}\t{r.BytesPerRequest:F0}");
                if (!results.TryGetValue((t.Name, name), out List<Result>? list))
                {
                    results[(t.Name, name)] = list = [];
                }

                list.Add(r);
            }
        }
    }

    Console.WriteLine();
    Console.WriteLine("| target | handler | req/s (median) | client CPU µs/req | bytes allocated/req |");
    Console.WriteLine("| --- | --- | --- | --- | --- |");
    foreach (var t in targets)
    {
        foreach (string name in new[] { "H2Sharp", "Sockets" })
        {
            List<Result> list = results[(t.Name, name)];
            Console.WriteLine($"| {t.Name} | {name} | {Median(list, r => r.RequestsPerSecond):N0} | {Median(list, r => r.CpuMicrosPerRequest):F2} | {Median(list, r => r.BytesPerRequest):N0} |");
        }

        List<Result> h = results[(t.Name, "H2Sharp")], s = results[(t.Name, "Sockets")];
        Console.WriteLine($"| {t.Name} | ratio H2Sharp/Sockets | {Median(h, r => r.RequestsPerSecond) / Median(s, r => r.RequestsPerSecond):F2}x | " +
            $"{Median(h, r => r.CpuMicrosPerRequest) / Median(s, r => r.CpuMicrosPerRequest):F2}x | {Median(h, r => r.BytesPerRequest) / Median(s, r => r.BytesPerRequest):F2}x |");
    }

    return 0;
}
finally
{
    foreach (var t in targets)
    {
        try
        {
            t.Process.Kill();
            t.Process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
    }
}

int Option(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task<Result> MeasureAsync(string name, Uri url, int n, int m)
{
    using HttpMessageInvoker invoker = new(name == "H2Sharp"
        ? new H2SharpHandler()
        : new SocketsHttpHandler { EnableMultipleHttp2Connections = false, UseProxy = false, AllowAutoRedirect = false, UseCookies = false });
    // Warm-up on the same connection: JIT, HPACK tables, windows.
    await RunAsync(invoker, url, Math.Min(n / 5, 5000), m);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    long bytes = GC.GetTotalAllocatedBytes(precise: true);
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    await RunAsync(invoker, url, n, m);
    clock.Stop();
    TimeSpan cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    long allocated = GC.GetTotalAllocatedBytes(precise: true) - bytes;
    return new Result(n / clock.Elapsed.TotalSeconds, cpuUsed.TotalMicroseconds / n, (double)allocated / n);
}

static async Task RunAsync(HttpMessageInvoker invoker, Uri url, int n, int m)
{
    int next = 0;
    async Task Worker()
    {
        byte[] buffer = new byte[4096];
        while (Interlocked.Increment(ref next) <= n)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            using HttpResponseMessage response = await invoker.SendAsync(request, CancellationToken.None);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            }

            await using Stream body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0)
            {
            }
        }
    }

    await Task.WhenAll(Enumerable.Range(0, m).Select(_ => Task.Run(Worker)));
}

static double Median(List<Result> list, Func<Result, double> pick)
{
    double[] values = list.Select(pick).Order().ToArray();
    return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
}

static Process StartChild(string program, string[] arguments)
{
    var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (string a in arguments)
    {
        info.ArgumentList.Add(a);
    }

    Process p = Process.Start(info)!;
    p.OutputDataReceived += (_, _) => { };
    p.ErrorDataReceived += (_, _) => { };
    p.BeginOutputReadLine();
    p.BeginErrorReadLine();
    return p;
}

static int FreePort()
{
    using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

static async Task WaitForListener(int port)
{
    for (int i = 0; i < 300; i++)
    {
        try
        {
            using var c = new System.Net.Sockets.TcpClient();
            await c.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (System.Net.Sockets.SocketException)
        {
            await Task.Delay(50);
        }
    }

    throw new InvalidOperationException($"nothing listened on 127.0.0.1:{port}");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

internal readonly record struct Result(double RequestsPerSecond, double CpuMicrosPerRequest, double BytesPerRequest);
