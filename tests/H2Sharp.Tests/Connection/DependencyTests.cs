using H2Sharp.Frames;
using H2Sharp.Tests.Support;

namespace H2Sharp.Tests.Connection;

/// <summary>
/// The dependency circles issue #10 named stay gone: SettingsFrame and SettingsEnumerator, and
/// ConnectionCore with FlowController and SettingsExchange (the core hands both its output as
/// <c>IConnectionOutput</c> and their collaborators one by one).
/// </summary>
public class DependencyTests
{
    [Fact]
    public void The_settings_enumerator_does_not_use_the_settings_frame()
    {
        Assert.Contains(typeof(SettingsEnumerator), TypeReferences.Of(typeof(SettingsFrame)));
        Assert.DoesNotContain(typeof(SettingsFrame), TypeReferences.Of(typeof(SettingsEnumerator)));
    }

    [Fact]
    public void Flow_control_and_the_settings_exchange_do_not_use_the_connection_core()
    {
        var flow = TypeReferences.Of(typeof(FlowController));
        var settings = TypeReferences.Of(typeof(SettingsExchange));
        Assert.Contains(typeof(FrameWriter), flow); // seen in method bodies only: the IL scan works
        Assert.Contains(typeof(FlowController), TypeReferences.Of(typeof(ConnectionCore)));
        Assert.Contains(typeof(IConnectionOutput), flow);
        Assert.DoesNotContain(typeof(ConnectionCore), flow);
        Assert.DoesNotContain(typeof(SettingsExchange), flow);
        Assert.DoesNotContain(typeof(ConnectionCore), settings);
        Assert.Contains(typeof(FlowController), settings); // one way: settings changes move windows
        Assert.DoesNotContain(typeof(ConnectionCore), TypeReferences.Of(typeof(IConnectionOutput)));
    }
}
