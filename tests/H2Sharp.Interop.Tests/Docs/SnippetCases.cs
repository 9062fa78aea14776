using System.Net.Sockets;
using System.Text;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Docs;

/// <summary>
/// How every snippet of README.md, docs/*.md and src/*/README.md is compiled and run. A page
/// that gains a C# block marks it (<c>&lt;!-- snippet: NAME --&gt;</c> above the fence) and adds
/// a case here that uses NAME; <see cref="DocSnippetTests"/> fails on a block without either.
/// Pages use port 8080; each case runs on a free port instead.
/// </summary>
internal static class SnippetCases
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A part "usings:NAME" takes only NAME's using directives (a tutorial step keeps the earlier steps' usings).</summary>
    private const string UsingsOf = "usings:";

    public static string SnippetName(string part) => part.StartsWith(UsingsOf, StringComparison.Ordinal) ? part[UsingsOf.Length..] : part;

    /// <summary>The text a part contributes to a program.</summary>
    public static string Text(string part)
    {
        string code = DocSnippetCatalog.Get(SnippetName(part)).Code;
        return part.StartsWith(UsingsOf, StringComparison.Ordinal)
            ? string.Join('\n', code.Split('\n').Where(l => l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var", StringComparison.Ordinal)))
            : code;
    }

    /// <summary>Step 1's accept loop, calling step 2's Handle as the page says.</summary>
    private static string CallHandle(string source, int port) =>
        Port(source.Replace("Console.WriteLine(client.RemoteEndPoint);", "Handle(client);", StringComparison.Ordinal), port);

    private static string Port(string source, int port) => source.Replace("8080", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static IReadOnlyList<SnippetCase> All { get; } =
    [
        new("readme-server", ["readme-server"], Port, ReadmeServer),
        new("connection-client-loop", ["connection-client-loop"], Port, ClientLoop),
        new("package-readme-H2Sharp", ["package-readme-H2Sharp"], Port, run =>
        {
            using PeerProcess program = run.Start();
            Assert.Equal(0, program.WaitForExit(Timeout));
            Assert.Equal("hello\n", program.StandardOutput);
        }),
        new("getting-started-step1", ["getting-started-step1"], Port, run =>
        {
            using PeerProcess server = run.Start();
            Loopback.WaitForListener(run.Port, Timeout);
            server.WaitForOutput("127.0.0.1:", Timeout);   // one line per accepted connection
        }),
        new("getting-started-step2", ["getting-started-step1", "getting-started-step2"], CallHandle, run =>
        {
            using PeerProcess server = run.Start();
            Loopback.WaitForListener(run.Port, Timeout);
            Curl.Run(run.Port, maxSeconds: 3);            // hangs: nobody answers (the page says so)
            server.WaitForOutput("RemoteSettingsChanged", Timeout);
            Assert.DoesNotContain("Exception", server.StandardOutput + server.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("SettingsAcknowledged", server.StandardOutput, StringComparison.Ordinal);
        }),
        new("getting-started-step3", ["getting-started-step1", "usings:getting-started-step2", "getting-started-step3"], CallHandle, run =>
        {
            using PeerProcess server = run.Start();
            Loopback.WaitForListener(run.Port, Timeout);
            Curl.Run(run.Port, maxSeconds: 3);            // still waits for a response
            server.WaitForOutput("StreamEnded", Timeout);
            string output = server.StandardOutput;
            foreach (string e in new[] { "RemoteSettingsChanged", "SettingsAcknowledged", "RequestReceived", "StreamEnded" })
            {
                Assert.Contains(e, output, StringComparison.Ordinal);
            }
        }),
        new("getting-started-step4", ["getting-started-step1", "usings:getting-started-step2", "getting-started-step4-response", "getting-started-step4-loop"], CallHandle, run =>
        {
            using PeerProcess server = run.Start();
            Loopback.WaitForListener(run.Port, Timeout);
            (int exit, string body) = Curl.Run(run.Port, maxSeconds: 30);
            Assert.Equal(0, exit);
            Assert.Equal("it works!\n", body);            // PeerProcess reads lines: it ends the last one
        }),
        new("getting-started-step5", ["getting-started-step1", "usings:getting-started-step2", "getting-started-step4-loop", "getting-started-step5"], CallHandle, run =>
        {
            using PeerProcess server = run.Start();
            Loopback.WaitForListener(run.Port, Timeout);
            (int exit, string body) = Curl.Run(run.Port, maxSeconds: 30);
            Assert.Equal(0, exit);
            Assert.StartsWith("{\":method\":\"GET\",\":path\":\"/\",\":scheme\":\"http\",", body, StringComparison.Ordinal);
            Assert.Contains("\"user-agent\":\"curl/", body, StringComparison.Ordinal);
        }),
        new("readme-h2sharp-server", ["readme-h2sharp-server"], Port, run => ServedOverH2c(run, "hello\n")),
        new("readme-aspnetcore", ["readme-aspnetcore"], Port, run => ServedOverH2c(run, "hello"), Web: true),
        new("readme-http", ["readme-http"], Port, run => AgainstReadmeServer(run, "it works!\n")),
        new("package-readme-H2Sharp.Server", ["package-readme-H2Sharp.Server"], Port, run => ServedOverH2c(run, "hello from H2Sharp.Server\n")),
        new("package-readme-H2Sharp.AspNetCore", ["package-readme-H2Sharp.AspNetCore"], Port,
            run => ServedOverH2c(run, "hello from ASP.NET Core on H2Sharp"), Web: true),
        new("package-readme-H2Sharp.Http", ["package-readme-H2Sharp.Http"], Port, run => AgainstReadmeServer(run, "it works!\n")),
        Fragment("protocol-informational", InMemoryPair + PrintEvents + OneRequest + "byte[] body = \"hello\"u8.ToArray();\n", "Print(\"client\", client.ReceiveData(server.DataToSend()));\n",
            "client: InformationalResponseReceived", "client: ResponseReceived", "client: DataReceived", "client: TrailersReceived", "client: StreamEnded"),
        Fragment("protocol-push", InMemoryPair + OneRequest + "byte[] css = \"body { }\"u8.ToArray();\n", "",
            "promised 2 on 1", "stream 2: 8 bytes"),
        Fragment("protocol-priority", InMemoryPair + PrintEvents + "HeaderField[] request = [new(\":method\", \"GET\"), new(\":scheme\", \"https\"), new(\":authority\", \"example.com\"), new(\":path\", \"/\")];\n",
            "Print(\"server\", server.ReceiveData(client.DataToSend()));\n",
            "server: PriorityUpdated", "server: RequestReceived"),
        Fragment("protocol-upgrade", "using H2Sharp;\nusing H2Sharp.Events;\n" + PrintEvents,
            "Print(\"server\", server.ReceiveData(client.DataToSend()));\nPrint(\"client\", client.ReceiveData(server.DataToSend()));\n",
            "server: RemoteSettingsChanged", "client: ResponseReceived"),
        Fragment("protocol-extended-connect", "using H2Sharp;\nusing H2Sharp.Events;\nvar client = new H2Connection();\nclient.InitiateConnection();\n",
            "foreach (H2Event e in server.ReceiveData(client.DataToSend())) { if (e is RequestReceived r) { foreach (HeaderField f in r.Headers) { Console.WriteLine(f); } } }\n",
            ":method: CONNECT", ":protocol: websocket"),
        Fragment("protocol-altsvc", InMemoryPair + PrintEvents + OneRequest, "Print(\"client\", client.ReceiveData(server.DataToSend()));\n",
            "client: AlternativeServiceAvailable"),
        Fragment("protocol-logging", "", "conn.InitiateConnection();\nconn.DataToSend();\n",
            "client sent connection preface", "client sent SETTINGS"),
        Fragment("flow-control-loop", InMemoryPair + OneRequest, "", "200000 octets received"),
        Fragment("negotiation-alpn", NegotiationBefore, NegotiationAfter, "alpn: h2", "client: RemoteSettingsChanged"),
        new("http-client", ["http-client"], (source, port) => Port(SnippetProgram.Compose(source, "Console.Write(body);\n"), port),
            run => AgainstReadmeServer(run, "it works!\n")),
        new("aspnetcore-options", ["aspnetcore-options"], AspNetCoreOptions, run =>
        {
            using PeerProcess app = run.Start();
            Assert.Equal(0, app.WaitForExit(Timeout));
            Assert.Contains("tls: HTTP/2 hello\n", app.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("h2c: HTTP/2 hello\n", app.StandardOutput, StringComparison.Ordinal);
        }, Web: true),
    ];

    /// <summary>A throw-away certificate and a TLS pair over loopback (serverTls, clientTls) for negotiation.md.</summary>
    private const string NegotiationBefore = """
        using System.Net;
        using System.Net.Security;
        using System.Net.Sockets;
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        using H2Sharp;
        using H2Sharp.Events;

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pfx), null);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var clientSocket = new TcpClient();
        await clientSocket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using TcpClient serverSocket = await listener.AcceptTcpClientAsync();
        listener.Stop();
        using var serverTls = new SslStream(serverSocket.GetStream());
        using var clientTls = new SslStream(clientSocket.GetStream());

        """;

    /// <summary>What the client then receives: the server's SETTINGS, fed to a client connection.</summary>
    private const string NegotiationAfter = """
        Console.WriteLine($"alpn: {clientTls.NegotiatedApplicationProtocol}");
        var client = new H2Connection(new H2Configuration { ClientSide = true });
        client.InitiateConnection();
        var buffer = new byte[16384];
        int read = await clientTls.ReadAsync(buffer);
        foreach (H2Event e in client.ReceiveData(buffer.AsSpan(0, read)))
        {
            Console.WriteLine($"client: {e.GetType().Name}");
        }

        """;

    /// <summary>A client and a server connection that talk through memory, and a way to print events.</summary>
    private const string InMemoryPair = """
        using H2Sharp;
        using H2Sharp.Events;
        var client = new H2Connection(new H2Configuration { ClientSide = true });
        var server = new H2Connection(new H2Configuration { ClientSide = false });
        client.InitiateConnection();
        server.InitiateConnection();

        """;

    private const string PrintEvents = """
        static void Print(string who, IEnumerable<H2Event> events)
        {
            foreach (H2Event e in events)
            {
                Console.WriteLine($"{who}: {e.GetType().Name}");
            }
        }

        """;

    /// <summary>A GET on stream 1 (id), received by the server; the settings exchanged.</summary>
    private const string OneRequest = """
        int id = client.GetNextAvailableStreamId();
        client.SendHeaders(id, [new(":method", "GET"), new(":scheme", "https"), new(":authority", "example.com"), new(":path", "/")], endStream: true);
        server.ReceiveData(client.DataToSend());
        client.ReceiveData(server.DataToSend());
        server.ReceiveData(client.DataToSend());

        """;

    /// <summary>
    /// A page's fragment (it uses variables the page set up earlier in prose): compiled between
    /// <paramref name="before"/>, which declares them, and <paramref name="after"/>, which shows
    /// what it did; the program must exit 0 and print every one of <paramref name="expected"/>.
    /// </summary>
    private static SnippetCase Fragment(string name, string before, string after, params string[] expected) =>
        new(name, [name], (_, port) => Port(SnippetProgram.Compose(before, Text(name), after), port), run =>
        {
            using PeerProcess program = run.Start();
            Assert.True(program.WaitForExit(Timeout) == 0, $"{name} failed.\nstdout: {program.StandardOutput}\nstderr: {program.StandardError}");
            foreach (string line in expected)
            {
                Assert.Contains(line, program.StandardOutput, StringComparison.Ordinal);
            }
        });

    /// <summary>The aspnetcore.md options on two free ports with a throw-away certificate, then one GET on each.</summary>
    private static string AspNetCoreOptions(string source, int port)
    {
        int tlsPort = Loopback.FreePort();
        const string Before = """
            using System.Security.Cryptography;
            using System.Security.Cryptography.X509Certificates;

            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using X509Certificate2 selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            using X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pfx), null);

            """;
        const string After = """
            var app = builder.Build();
            app.MapGet("/", (HttpContext context) => $"{context.Request.Protocol} hello");
            await app.StartAsync();
            using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = delegate { return true; } } })
            {
                DefaultRequestVersion = HttpVersion.Version20,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            Console.WriteLine("tls: " + await http.GetStringAsync(new Uri("https://127.0.0.1:5001/")));
            Console.WriteLine("h2c: " + await http.GetStringAsync(new Uri("http://127.0.0.1:5000/")));
            await app.StopAsync();
            """;
        string inv(int p) => p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return SnippetProgram.Compose(Before, source, After).Replace("5001", inv(tlsPort), StringComparison.Ordinal).Replace("5000", inv(port), StringComparison.Ordinal);
    }

    /// <summary>Runs a client snippet against the README server on the case's port; asserts its output and exit.</summary>
    private static void AgainstReadmeServer(SnippetRun run, string expected)
    {
        string serverDll = SnippetProgram.Build("readme-server-for-" + Path.GetFileNameWithoutExtension(run.Dll),
            Port(SnippetProgram.Compose(DocSnippetCatalog.Get("readme-server").Code), run.Port));
        using PeerProcess server = SnippetProgram.Start(serverDll);
        Loopback.WaitForListener(run.Port, Timeout);

        using PeerProcess client = run.Start();
        Assert.True(client.WaitForExit(Timeout) == 0, $"stdout: {client.StandardOutput}\nstderr: {client.StandardError}");
        Assert.Equal(expected, client.StandardOutput);
    }

    /// <summary>Starts a server snippet; HttpClient (HTTP/2 prior knowledge) gets <paramref name="body"/> from it.</summary>
    private static void ServedOverH2c(SnippetRun run, string body)
    {
        using PeerProcess server = run.Start();
        Loopback.WaitForListener(run.Port, Timeout);
        using HttpClient client = SampleHttpClients.PriorKnowledge();
        using HttpResponseMessage response = client.GetAsync(new Uri($"http://127.0.0.1:{run.Port}/")).GetAwaiter().GetResult();
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(body, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
    }

    /// <summary>The README server: a plain HTTP/1.1 client gets GOAWAY, then an HTTP/2 client gets "it works!".</summary>
    private static void ReadmeServer(SnippetRun run)
    {
        using PeerProcess server = run.Start();
        Loopback.WaitForListener(run.Port, Timeout);

        byte[] reply = Http11Request(run.Port);
        (byte Type, ReadOnlyMemory<byte> Payload)[] frames = Frames(reply);
        Assert.Equal(4, frames[0].Type);                                     // the server's SETTINGS
        var goAway = Assert.Single(frames, f => f.Type == 7);
        Assert.Equal((uint)ErrorCode.ProtocolError, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(goAway.Payload.Span[4..]));
        server.WaitForOutput("bad client:", Timeout);

        using HttpClient client = SampleHttpClients.PriorKnowledge();
        using HttpResponseMessage response = client.GetAsync(new Uri($"http://127.0.0.1:{run.Port}/")).GetAwaiter().GetResult();
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("it works!\n", response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        Assert.False(server.HasExited);
    }

    /// <summary>The connection.md client loop against the README server: prints the status and body, then exits.</summary>
    private static void ClientLoop(SnippetRun run) => AgainstReadmeServer(run, ":status: 200\nit works!\n");

    private static byte[] Http11Request(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10_000 };
        socket.Connect(System.Net.IPAddress.Loopback, port);
        socket.Send(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int n;
        while ((n = socket.Receive(buffer)) > 0)
        {
            received.Write(buffer, 0, n);
        }
        return received.ToArray();
    }

    private static (byte Type, ReadOnlyMemory<byte> Payload)[] Frames(byte[] bytes)
    {
        var frames = new List<(byte, ReadOnlyMemory<byte>)>();
        for (int at = 0; at + 9 <= bytes.Length;)
        {
            int length = (bytes[at] << 16) | (bytes[at + 1] << 8) | bytes[at + 2];
            frames.Add((bytes[at + 3], bytes.AsMemory(at + 9, length)));
            at += 9 + length;
        }
        return [.. frames];
    }

    /// <summary>curl with prior knowledge, as the pages tell the reader to run it.</summary>
    private static class Curl
    {
        public static (int Exit, string Body) Run(int port, int maxSeconds)
        {
            string curl = ExternalTool.Require("curl", "curl");
            using PeerProcess process = PeerProcess.Start(curl,
                $"-s --http2-prior-knowledge --max-time {maxSeconds} http://127.0.0.1:{port}/");
            int exit = process.WaitForExit(TimeSpan.FromSeconds(maxSeconds + 30));
            return (exit, process.StandardOutput);
        }
    }
}
