using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Samples;

/// <summary>
/// One AsyncServer for a test class: TLS on one free port, cleartext (--h2c) on another,
/// serving a temporary root with known files (one large enough to need many WINDOW_UPDATEs).
/// </summary>
public sealed class AsyncServerFixture : IDisposable
{
    private readonly PeerProcess _server;

    public AsyncServerFixture()
    {
        Root = Directory.CreateTempSubdirectory("h2sharp-async-root-").FullName;
        File.WriteAllText(Path.Combine(Root, "notes.txt"), "plain text\n");
        File.WriteAllText(Path.Combine(Root, "data.json"), "{\"a\":[1,2,3]}");
        File.WriteAllText(Path.Combine(Root, "index.html"), "<!DOCTYPE html><title>t</title>\n");
        Directory.CreateDirectory(Path.Combine(Root, "sub"));
        File.WriteAllText(Path.Combine(Root, "sub", "page.css"), "p { margin: 0 }\n");
        Large = new byte[3 * 1024 * 1024 + 17];
        new Random(6).NextBytes(Large);
        File.WriteAllBytes(Path.Combine(Root, "large.bin"), Large);

        TlsPort = Loopback.FreePort();
        CleartextPort = Loopback.FreePort();
        _server = SampleProgram.StartServer("AsyncServer", $"--port {TlsPort} --h2c {CleartextPort} --root \"{Root}\"", TlsPort);
        Loopback.WaitForListener(CleartextPort, SampleProgram.StartTimeout);
    }

    public string Root { get; }

    public byte[] Large { get; }

    public int TlsPort { get; }

    public int CleartextPort { get; }

    public string Https => $"https://127.0.0.1:{TlsPort}";

    public string Http => $"http://127.0.0.1:{CleartextPort}";

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
