namespace H2Sharp.Tests;

public class SmokeTests
{
    [Fact]
    public void Library_assembly_loads()
    {
        Assert.Equal("H2Sharp", typeof(H2Sharp.ErrorCode).Assembly.GetName().Name);
    }
}
