using H2Sharp.Events;
using H2Sharp.Tests.Support;
using Xunit;

namespace H2Sharp.Tests.Events;

/// <summary>ConnectionTerminated.AdditionalData: null for a GOAWAY without debug data, as h2's None.</summary>
public class ConnectionTerminatedTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Goaway_without_debug_data_has_null_additional_data(bool client)
    {
        var h = client ? ConnectionHarness.Client() : ConnectionHarness.Server();
        var terminated = Assert.IsType<ConnectionTerminated>(Assert.Single(h.Receive(FrameFactory.GoAway(0, ErrorCode.NoError))));
        Assert.Null(terminated.AdditionalData);
        Assert.Equal(new ConnectionTerminated { ErrorCode = ErrorCode.NoError, LastStreamId = 0, AdditionalData = null }, terminated);
        Assert.Equal("ConnectionTerminated { ErrorCode = NoError, LastStreamId = 0, AdditionalData = null }", terminated.ToString());
    }

    [Fact]
    public void Goaway_with_debug_data_carries_exactly_those_bytes()
    {
        var h = ConnectionHarness.Client();
        var terminated = Assert.IsType<ConnectionTerminated>(Assert.Single(h.Receive(FrameFactory.GoAway(0, ErrorCode.EnhanceYourCalm, "calm"u8.ToArray()))));
        Assert.Equal("calm"u8.ToArray(), terminated.AdditionalData?.ToArray());
        Assert.Equal("ConnectionTerminated { ErrorCode = EnhanceYourCalm, LastStreamId = 0, AdditionalData = \"calm\" }", terminated.ToString());
    }
}
