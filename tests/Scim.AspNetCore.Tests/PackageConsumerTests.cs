using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Scim.AspNetCore.Tests;

/// <summary>
/// Packs Scim.Core and Scim.AspNetCore as a release would, then builds and runs a fresh web app that knows them only
/// as NuGet packages, outside the repository (none of its Directory.*.props, no project references).
/// </summary>
public sealed partial class PackageConsumerTests(ITestOutputHelper output)
{
    private const string Token = "consumer-token-5d21";

    [Fact]
    public async Task Packages_InAFreshWebApp_RestoreBuildAndServeScim()
    {
        var root = DotnetCli.RepositoryRoot();
        var version = $"0.0.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Directory.CreateTempSubdirectory("scim-consumer-");
        var feed = Path.Combine(work.FullName, "feed");
        var app = Directory.CreateDirectory(Path.Combine(work.FullName, "app")).FullName;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // A solution filter packs both in one build; --artifacts-path keeps its bin and obj off the repository's,
            // which the running `dotnet test` and other builds use.
            var filter = Path.Combine(work.FullName, "packages.slnf");
            await File.WriteAllTextAsync(filter, new JsonObject
            {
                ["solution"] = new JsonObject
                {
                    ["path"] = Path.Combine(root, "Scim.sln"),
                    ["projects"] = new JsonArray("src/Scim.Core/Scim.Core.csproj", "src/Scim.AspNetCore/Scim.AspNetCore.csproj"),
                },
            }.ToJsonString());
            var pack = await DotnetCli.RunAsync(
                $"pack \"{filter}\" -c Release -p:Version={version} -p:PackageOutputPath=\"{feed}\" --artifacts-path \"{Path.Combine(work.FullName, "artifacts")}\"",
                root,
                TimeSpan.FromMinutes(4));
            Assert.True(pack.ExitCode == 0, pack.Output);
            output.WriteLine($"pack: {clock.Elapsed.TotalSeconds:F1} s");
            AssertPackageMetadata(feed, version, root);

            await WriteConsumerAsync(app, version, feed, root);
            var build = await DotnetCli.RunAsync($"build -c Release -o \"{Path.Combine(app, "out")}\"", app, TimeSpan.FromMinutes(4));
            Assert.True(build.ExitCode == 0, build.Output);
            output.WriteLine($"pack + consumer restore and build: {clock.Elapsed.TotalSeconds:F1} s");
            Assert.Contains(Path.Combine("scim.aspnetcore", version), await File.ReadAllTextAsync(Path.Combine(app, "obj", "project.assets.json")), StringComparison.OrdinalIgnoreCase);

            await using var host = ExternalScimHost.Start(Path.Combine(app, "out", "Consumer.dll"), Token);
            await AssertServesScimAsync(host);
            output.WriteLine($"pack + build + run and requests: {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            DeleteQuietly(work.FullName);

            // Restore extracted this one-off version into the machine's package cache; leave no trace there.
            var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "scim.core", "scim.aspnetcore" })
            {
                DeleteQuietly(Path.Combine(cache, id, version));
                if (Directory.Exists(Path.Combine(cache, id)) && !Directory.EnumerateFileSystemEntries(Path.Combine(cache, id)).Any())
                {
                    DeleteQuietly(Path.Combine(cache, id));
                }
            }
        }
    }

    private static void AssertPackageMetadata(string feed, string version, string root)
    {
        var core = ReadPackage(feed, "Scim.Core", version);
        var aspNetCore = ReadPackage(feed, "Scim.AspNetCore", version);
        var pidgin = PidginVersion().Match(File.ReadAllText(Path.Combine(root, "Directory.Packages.props"))).Groups[1].Value;

        // What a consumer's restore relies on: the exact Scim.Core of the same release, Pidgin through it, ASP.NET Core
        // as the shared framework (not a package), and nothing that was private to the build (SourceLink).
        Assert.Equal(["Pidgin " + pidgin], Dependencies(core.Nuspec));
        Assert.Equal(["Scim.Core " + version], Dependencies(aspNetCore.Nuspec));
        Assert.Empty(Elements(core.Nuspec, "frameworkReference"));
        Assert.Equal(["Microsoft.AspNetCore.App"], Elements(aspNetCore.Nuspec, "frameworkReference").Select(e => (string?)e.Attribute("name")));
        foreach (var (id, nuspec, files) in new[] { ("Scim.Core", core.Nuspec, core.Files), ("Scim.AspNetCore", aspNetCore.Nuspec, aspNetCore.Files) })
        {
            Assert.Equal(id, Element(nuspec, "id"));
            Assert.Equal(version, Element(nuspec, "version"));
            Assert.Equal("MIT", Element(nuspec, "license"));
            Assert.Equal("README.md", Element(nuspec, "readme"));
            Assert.False(string.IsNullOrWhiteSpace(Element(nuspec, "description")));
            Assert.Contains("README.md", files);
            Assert.Contains($"lib/net10.0/{id}.dll", files);
            Assert.Contains($"lib/net10.0/{id}.xml", files); // the XML docs, for IntelliSense
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.snupkg")), $"{id}.{version}.snupkg is missing.");
        }
    }

    private static (XDocument Nuspec, List<string> Files) ReadPackage(string feed, string id, string version)
    {
        var path = Path.Combine(feed, $"{id}.{version}.nupkg");
        Assert.True(File.Exists(path), $"{path} is missing; the feed holds: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
        using var zip = ZipFile.OpenRead(path);
        using var nuspec = zip.GetEntry(id + ".nuspec")!.Open();
        return (XDocument.Load(nuspec), zip.Entries.Select(e => e.FullName).ToList());
    }

    private static IEnumerable<XElement> Elements(XDocument nuspec, string name) => nuspec.Descendants().Where(e => e.Name.LocalName == name);

    private static string? Element(XDocument nuspec, string name) => Elements(nuspec, name).SingleOrDefault()?.Value;

    /// <summary>The net10.0 dependencies as "id version".</summary>
    private static IEnumerable<string> Dependencies(XDocument nuspec) =>
        Elements(nuspec, "group")
            .Where(g => g.Parent?.Name.LocalName == "dependencies" && (string?)g.Attribute("targetFramework") == "net10.0")
            .SelectMany(g => g.Elements().Select(d => $"{d.Attribute("id")?.Value} {d.Attribute("version")?.Value}"));

    private static async Task WriteConsumerAsync(string app, string version, string feed, string root)
    {
        // Empty Directory.* files stop MSBuild's search upwards, whatever the temp folder sits in.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(app, name), "<Project />");
        }

        File.Copy(Path.Combine(root, "global.json"), Path.Combine(app, "global.json"));
        await File.WriteAllTextAsync(Path.Combine(app, "Consumer.csproj"), DotnetCli.WebAppProject($"""<PackageReference Include="Scim.AspNetCore" Version="{version}" />"""));

        // The local feed for our packages only; everything else (Pidgin) from nuget.org, the one source this machine's
        // NuGet uses and a CI machine reaches (and usually from the package cache the repository's restore filled).
        await File.WriteAllTextAsync(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Scim.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddScim().AddInMemoryStore();
            var app = builder.Build();
            app.MapScim("/scim").RequireScimBearerToken(app.Configuration["Scim:BearerToken"]);
            app.Run();
            """);
    }

    private static async Task AssertServesScimAsync(ExternalScimHost host)
    {
        var client = host.Client;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var config = await host.FirstResponseAsync("ServiceProviderConfig", TimeSpan.FromSeconds(30));
        var body = await BodyAsync(config, HttpStatusCode.OK, host);
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", body["schemas"]![0]!.GetValue<string>());
        Assert.True(body["patch"]!["supported"]!.GetValue<bool>());
        Assert.True(body["filter"]!["supported"]!.GetValue<bool>());

        var userName = $"consumer-{Guid.NewGuid():N}@contoso.com";
        using var content = new StringContent($$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","active":true}""", Encoding.UTF8, "application/scim+json");
        var created = await client.PostAsync("Users", content);
        var id = (await BodyAsync(created, HttpStatusCode.Created, host))["id"]!.GetValue<string>();
        Assert.Equal(new Uri(host.BaseAddress, "Users/" + id), created.Headers.Location);

        var fetched = await BodyAsync(await client.GetAsync("Users/" + id), HttpStatusCode.OK, host);
        Assert.Equal(userName, fetched["userName"]!.GetValue<string>());
        Assert.True(fetched["active"]!.GetValue<bool>());

        // A filter runs through Pidgin, so this proves the transitive package reached the app.
        var found = await BodyAsync(await client.GetAsync("Users?filter=" + Uri.EscapeDataString($"userName eq \"{userName}\"")), HttpStatusCode.OK, host);
        Assert.Equal(1, found["totalResults"]!.GetValue<int>());

        client.DefaultRequestHeaders.Authorization = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("Users/" + id)).StatusCode);
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response, HttpStatusCode expected, ExternalScimHost host)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {text}\nApp output:\n{host.Log}");
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(text)!.AsObject();
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex("""<PackageVersion Include="Pidgin" Version="([^"]+)" />""")]
    private static partial Regex PidginVersion();
}
