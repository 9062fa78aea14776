using System.IO.Compression;
using System.Reflection.Metadata;
using System.Text;
using H2Sharp.Interop.Tests.Docs;
using H2Sharp.Interop.Tests.Samples;
using H2Sharp.Interop.Tests.Support;

namespace H2Sharp.Interop.Tests.Packaging;

/// <summary>
/// The packages as a .NET user gets them: every package under src/ is packed into a folder feed,
/// then three fresh apps restore them from that feed only (third-party dependencies from the
/// machine's usual NuGet source), build and run over loopback. This catches what project
/// references hide: a missing dependency, a wrong TFM, an internal type in a public signature,
/// a package without symbols or SourceLink.
/// </summary>
[Collection(SamplesCollection.Name)]
public sealed class PackageConsumptionTests
{
    /// <summary>The four packages, as their project folders under src/ name them.</summary>
    private static readonly string[] Packages = ["H2Sharp", "H2Sharp.Server", "H2Sharp.AspNetCore", "H2Sharp.Http"];

    /// <summary>One pack and three restores/builds on a small shared machine: generous, but bounded.</summary>
    // Bounds against a hang, not expected times (about 75 s in all on an idle machine): a machine
    // shared by parallel builds took over 6 minutes to pack, so the bounds are generous.
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The SourceLink custom debug information kind of a portable PDB.</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public async Task Packed_packages_restore_build_and_run_in_fresh_apps()
    {
        string work = Path.Combine(Path.GetTempPath(), "h2sharp-consumption-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N")[..8]);
        string feed = Path.Combine(work, "feed");
        Directory.CreateDirectory(feed);
        try
        {
            // A version no cache can hold: a stale package of the same version is never picked up instead.
            string version = "0.0.0-consumption." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            Pack(work, feed, version);
            AssertPackagesHaveSymbolsAndSourceLink(feed, version);

            WriteNuGetConfig(work, feed);
            int serverPort = Loopback.FreePort();
            int webPort = Loopback.FreePort();

            string console = App(work, "CoreApp", "Microsoft.NET.Sdk", version, ["H2Sharp"],
                SnippetProgram.Compose(DocSnippetCatalog.Get("readme-server").Code).Replace("8080", serverPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            string web = App(work, "WebApp", "Microsoft.NET.Sdk.Web", version, ["H2Sharp.AspNetCore"], """
                using System.Net;

                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.UseH2Sharp(options => options.Listen(IPAddress.Loopback, int.Parse(args[0])));
                var app = builder.Build();
                app.MapGet("/", (HttpContext context) => $"ASP.NET Core on H2Sharp, {context.Request.Protocol}");
                app.Run();
                """);
            string client = App(work, "ClientApp", "Microsoft.NET.Sdk", version, ["H2Sharp.Http"], """
                using System.Net;
                using H2Sharp.Http;

                using var http = new HttpClient(new H2SharpHandler())
                {
                    DefaultRequestVersion = HttpVersion.Version20,
                    DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                foreach (string url in args)
                {
                    Console.WriteLine(await http.GetStringAsync(new Uri(url)));
                }
                """);

            using (PeerProcess server = Run(console, ""))
            using (HttpClient http = SampleHttpClients.PriorKnowledge())
            {
                Loopback.WaitForListener(serverPort, RunTimeout);
                using HttpResponseMessage response = await http.GetAsync(new Uri($"http://127.0.0.1:{serverPort}/"));
                Assert.Equal(new Version(2, 0), response.Version);
                Assert.Equal("it works!\n", await response.Content.ReadAsStringAsync());
            }

            using (PeerProcess webApp = Run(web, webPort.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                Loopback.WaitForListener(webPort, RunTimeout);
                using PeerProcess clientApp = Run(client, $"http://127.0.0.1:{webPort}/");
                Assert.True(clientApp.WaitForExit(RunTimeout) == 0, $"the HttpClient app failed.\nstdout: {clientApp.StandardOutput}\nstderr: {clientApp.StandardError}");
                Assert.Equal("ASP.NET Core on H2Sharp, HTTP/2\n", clientApp.StandardOutput);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open: the temp folder is cleaned by the system
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>One pack of all four projects (one MSBuild run), into the feed, built apart from the test's own outputs.</summary>
    private static void Pack(string work, string feed, string version)
    {
        var solution = new StringBuilder("<Solution>\n");
        foreach (string package in Packages)
        {
            string project = Path.Combine(RepoPaths.Root, "src", package, package + ".csproj");
            solution.Append("  <Project Path=\"").Append(Path.GetRelativePath(work, project).Replace('\\', '/')).Append("\" />\n");
        }
        solution.Append("</Solution>\n");
        string slnx = Path.Combine(work, "packages.slnx");
        File.WriteAllText(slnx, solution.ToString());

        Dotnet(work, PackTimeout,
            $"pack \"{slnx}\" -c Release -o \"{feed}\" --artifacts-path \"{Path.Combine(work, "artifacts")}\" " +
            $"-p:Version={version} -p:ContinuousIntegrationBuild=true");
    }

    private static void AssertPackagesHaveSymbolsAndSourceLink(string feed, string version)
    {
        foreach (string package in Packages)
        {
            string nupkg = Path.Combine(feed, $"{package}.{version}.nupkg");
            string snupkg = Path.Combine(feed, $"{package}.{version}.snupkg");
            Assert.True(File.Exists(nupkg), $"{Path.GetFileName(nupkg)} is missing from the feed: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            Assert.True(File.Exists(snupkg), $"{Path.GetFileName(snupkg)} (the symbols) is missing from the feed.");

            using (ZipArchive archive = ZipFile.OpenRead(nupkg))
            {
                var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
                foreach (string tfm in new[] { "net8.0", "net10.0" })
                {
                    Assert.Contains($"lib/{tfm}/{package}.dll", entries);
                    Assert.Contains($"lib/{tfm}/{package}.xml", entries);      // XML docs for IntelliSense
                }
                Assert.Contains("README.md", entries);
            }

            using ZipArchive symbols = ZipFile.OpenRead(snupkg);
            ZipArchiveEntry? pdb = symbols.GetEntry($"lib/net10.0/{package}.pdb");
            Assert.True(pdb is not null, $"{Path.GetFileName(snupkg)} has no lib/net10.0/{package}.pdb");
            using var pdbBytes = new MemoryStream();
            using (Stream s = pdb.Open())
            {
                s.CopyTo(pdbBytes);
            }
            pdbBytes.Position = 0;
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdbBytes);
            MetadataReader reader = provider.GetMetadataReader();
            string? sourceLink = null;
            foreach (CustomDebugInformationHandle handle in reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
            {
                CustomDebugInformation info = reader.GetCustomDebugInformation(handle);
                if (reader.GetGuid(info.Kind) == SourceLinkKind)
                {
                    sourceLink = Encoding.UTF8.GetString(reader.GetBlobBytes(info.Value));
                }
            }
            Assert.True(sourceLink is not null, $"{package}.pdb carries no SourceLink information.");
            Assert.Contains("https://raw.githubusercontent.com/", sourceLink, StringComparison.Ordinal);
            // ContinuousIntegrationBuild: source paths are mapped to /_/ (no build machine path in the PDB).
            Assert.Contains("\"/_/*\"", sourceLink, StringComparison.Ordinal);
        }
    }

    /// <summary>The feed first, then the machine's usual sources (third-party dependencies).</summary>
    private static void WriteNuGetConfig(string work, string feed) =>
        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="h2sharp-local-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);

    /// <summary>A new app project in its own folder, referencing only packages; built, returns its dll.</summary>
    private static string App(string work, string name, string sdk, string version, string[] packages, string program)
    {
        string dir = Path.Combine(work, name);
        Directory.CreateDirectory(dir);
        string references = string.Concat(packages.Select(p => $"    <PackageReference Include=\"{p}\" Version=\"{version}\" />\n"));
        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), program);
        // The app is outside the repository (none of its Directory.Build.props applies). Its own
        // packages folder, so nothing of this run lands in the machine's cache; third-party
        // packages already there are read from it (a fallback folder) instead of downloaded.
        Dotnet(dir, BuildTimeout, $"build -c Release -m:1 -p:RestorePackagesPath=\"{Path.Combine(work, "packages")}\" " +
            $"-p:RestoreAdditionalProjectFallbackFolders=\"{GlobalPackagesFolder()}\"");
        string dll = Path.Combine(dir, "bin", "Release", "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"{dll} was not built.");
        return dll;
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static PeerProcess Run(string dll, string arguments) =>
        PeerProcess.Start(SampleProgram.DotnetHost(), $"\"{dll}\" {arguments}", Path.GetDirectoryName(dll));

    private static void Dotnet(string workingDirectory, TimeSpan timeout, string arguments)
    {
        using PeerProcess dotnet = PeerProcess.Start(SampleProgram.DotnetHost(), arguments, workingDirectory, BuildEnvironment);
        int exit = dotnet.WaitForExit(timeout);
        Assert.True(exit == 0, $"dotnet {arguments} failed ({exit}).\nstdout: {dotnet.StandardOutput}\nstderr: {dotnet.StandardError}");
    }

    /// <summary>Quiet builds, no telemetry.</summary>
    private static readonly Dictionary<string, string> BuildEnvironment = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };
}
