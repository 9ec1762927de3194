using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Scim.AspNetCore.Tests;

/// <summary>Compiles and runs the exact quick-start block of README.md as a web app on 127.0.0.1, then calls it.</summary>
public sealed partial class ReadmeHostTests
{
    private const string Heading = "## Quick start: a SCIM endpoint in your app";

    [Fact]
    public void ReadmeQuickStart_IsOneCSharpBlockUnder25Lines()
    {
        var code = ExtractQuickStart();

        Assert.True(code.Split('\n').Length < 25, code);
        Assert.Contains("Scim:BearerToken", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadmeQuickStart_CompilesRunsAndServesScim()
    {
        var code = ExtractQuickStart();
        var root = RepositoryRoot();
        var output = Path.GetDirectoryName(typeof(ReadmeHostTests).Assembly.Location)!;
        var project = Directory.CreateTempSubdirectory("scim-readme-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(project.FullName, "Program.cs"), code);
            await File.WriteAllTextAsync(Path.Combine(project.FullName, "ReadmeHost.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="{Path.Combine(output, "Scim.AspNetCore.dll")}" />
                    <Reference Include="{Path.Combine(output, "Scim.Core.dll")}" />
                    <Reference Include="{Path.Combine(output, "Pidgin.dll")}" />
                  </ItemGroup>
                </Project>
                """);
            File.Copy(Path.Combine(root, "global.json"), Path.Combine(project.FullName, "global.json"));

            var build = await RunAsync("dotnet", $"build -c Release -o \"{Path.Combine(project.FullName, "out")}\"", project.FullName, TimeSpan.FromMinutes(5));
            Assert.True(build.ExitCode == 0, build.Output);

            var port = FreePort();
            var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(project.FullName, "out", "ReadmeHost.dll")}\"")
            {
                WorkingDirectory = project.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["Scim__BearerToken"] = "readme-token-7f3c";
            using var host = Process.Start(start)!;
            var log = new StringBuilder();
            host.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            host.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            host.BeginOutputReadLine();
            host.BeginErrorReadLine();
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/scim/") };
                HttpResponseMessage? unauthorized = null;
                for (var i = 0; i < 100 && unauthorized is null; i++)
                {
                    Assert.False(host.HasExited, log.ToString());
                    try
                    {
                        unauthorized = await client.GetAsync("Users");
                    }
                    catch (HttpRequestException)
                    {
                        await Task.Delay(200);
                    }
                }

                Assert.NotNull(unauthorized);
                Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);

                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "readme-token-7f3c");
                using var content = new StringContent("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen"}""", Encoding.UTF8, "application/scim+json");
                var created = await client.PostAsync("Users", content);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                Assert.StartsWith($"http://127.0.0.1:{port}/scim/Users/", created.Headers.Location!.ToString(), StringComparison.Ordinal);

                var testConnection = await client.GetAsync($"Users?filter=userName+eq+%22{Guid.NewGuid()}%22");
                Assert.Equal(HttpStatusCode.OK, testConnection.StatusCode);
                Assert.Equal("application/scim+json", testConnection.Content.Headers.ContentType!.MediaType);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("Groups")).StatusCode);
            }
            finally
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }
        }
        finally
        {
            try
            {
                project.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string ExtractQuickStart()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var at = readme.IndexOf("\n" + Heading + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{Heading}' section.");
        var section = readme[(at + Heading.Length + 2)..];
        var next = section.IndexOf("\n## ", StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        var blocks = CSharpBlock().Matches(section);
        Assert.True(blocks.Count == 1, $"The quick start must have exactly one C# block; it has {blocks.Count}.");
        return blocks[0].Groups[1].Value;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scim.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Scim.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        // The test runs under `dotnet test`, whose MSBuild settings must not leak into the nested build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
