namespace H2Sharp.Http.Tests.Support;

/// <summary>One Kestrel for the test classes that share it.</summary>
public sealed class KestrelFixture : IAsyncLifetime
{
    internal KestrelApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await KestrelApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
