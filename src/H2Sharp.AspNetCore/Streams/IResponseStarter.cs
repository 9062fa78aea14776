namespace H2Sharp.AspNetCore;

/// <summary>What <see cref="StartingPipeWriter"/> calls before each flush: hands the response headers over if the response has not started.</summary>
internal interface IResponseStarter
{
    /// <summary>Copies the app's response headers to the server unless the response started (or an OnStarting hook will copy them).</summary>
    void BeforeStart();
}
