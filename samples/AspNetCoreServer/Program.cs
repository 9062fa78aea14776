using AspNetCoreServer;

// dotnet run --project samples/AspNetCoreServer -c Release -- [--kestrel] [--h2c PORT | --port PORT [--cert FILE --key FILE]]
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

await using WebApplication app = SampleApp.Build(options);
await app.StartAsync();
foreach (string address in SampleApp.Addresses(app))
{
    Console.WriteLine($"{(options.Kestrel ? "Kestrel" : "H2Sharp")} listening on {address}");
}
await app.WaitForShutdownAsync();
return 0;
