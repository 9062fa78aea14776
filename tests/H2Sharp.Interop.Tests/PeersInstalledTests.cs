using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests;

/// <summary>The real peers CI relies on are installed; a missing one fails with its package name.</summary>
public class PeersInstalledTests
{
    [Theory]
    [InlineData("curl", "curl")]
    [InlineData("nghttp", "nghttp2-client")]
    [InlineData("h2load", "nghttp2-client")]
    [InlineData("nghttpd", "nghttp2-server")]
    [InlineData("node", "nodejs")]
    public void Peer_is_installed(string command, string package)
    {
        string path = ExternalTool.Require(command, package);
        using var peer = PeerProcess.Start(path, "--version");
        Assert.Equal(0, peer.WaitForExit(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Curl_speaks_http2()
    {
        string curl = ExternalTool.Require("curl", "curl");
        using var peer = PeerProcess.Start(curl, "--version");
        peer.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.Contains("HTTP2", peer.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_h2_is_importable()
    {
        string python = ExternalTool.RequirePythonH2();
        using var peer = PeerProcess.Start(python, "-c \"import h2; print(h2.__version__)\"");
        Assert.Equal(0, peer.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.StartsWith("4.", peer.StandardOutput.Trim(), StringComparison.Ordinal);
    }
}
