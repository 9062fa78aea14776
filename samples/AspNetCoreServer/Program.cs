using AspNetCoreServer;
using H2Sharp.Samples;

// dotnet run --project samples/AspNetCoreServer -c Release -- [--kestrel] [--h2c PORT | --port PORT [--cert CERT.pem --key KEY.pem]]
// dotnet run --project samples/AspNetCoreServer -- --help     # every option
// The app is a WebApplication (the Generic Host): console logging, Ctrl+C as a graceful stop.
System.CommandLine.RootCommand command = SampleOptions.CreateCommand(async (options, cancellationToken) =>
{
    await using WebApplication app = SampleApp.Build(options);
    await app.StartAsync(cancellationToken);
    SampleApp.LogAddresses(app, options);
    await app.WaitForShutdownAsync(cancellationToken);
    return 0;
});
return await SampleCommandLine.InvokeAsync(command, args);
