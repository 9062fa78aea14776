using System.Net;
using H2Sharp.Server;

namespace H2Sharp.Server.Tests.Hosting;

public class H2ServerOptionsTests
{
    [Fact]
    public void Listen_records_the_endpoint_and_the_cleartext_default()
    {
        var options = new H2ServerOptions();
        options.Listen(IPAddress.Loopback, 0);
        H2ListenOptions listen = Assert.Single(options.ListenOptions);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), listen.EndPoint);
        Assert.Equal(H2ListenProtocols.PriorKnowledgeAndUpgrade, listen.Protocols);
        Assert.False(listen.IsTls);
    }

    [Fact]
    public void UseHttps_without_a_certificate_says_what_is_missing()
    {
        var options = new H2ServerOptions();
        var e = Assert.Throws<InvalidOperationException>(() => options.Listen(IPAddress.Loopback, 0, l => l.UseHttps()));
        Assert.Contains("ServerCertificate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_reject_values_out_of_range()
    {
        var limits = new H2ServerLimits();
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxFrameSize = 1000);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxStreamsPerConnection = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.KeepAliveTimeout = TimeSpan.Zero);
        Assert.Equal(100, limits.MaxStreamsPerConnection);
        Assert.Equal(30_000_000, limits.MaxRequestBodySize);
    }
}
