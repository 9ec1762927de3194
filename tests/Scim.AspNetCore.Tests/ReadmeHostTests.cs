using System.Net;
using System.Net.Http.Headers;
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
        var root = DotnetCli.RepositoryRoot();
        var output = Path.GetDirectoryName(typeof(ReadmeHostTests).Assembly.Location)!;
        var project = Directory.CreateTempSubdirectory("scim-readme-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(project.FullName, "Program.cs"), code);
            await File.WriteAllTextAsync(Path.Combine(project.FullName, "ReadmeHost.csproj"), DotnetCli.WebAppProject(
                $"""<Reference Include="{Path.Combine(output, "Scim.AspNetCore.dll")}" />""",
                $"""<Reference Include="{Path.Combine(output, "Scim.Core.dll")}" />""",
                $"""<Reference Include="{Path.Combine(output, "Pidgin.dll")}" />"""));
            File.Copy(Path.Combine(root, "global.json"), Path.Combine(project.FullName, "global.json"));

            var build = await DotnetCli.RunAsync($"build -c Release -o \"{Path.Combine(project.FullName, "out")}\"", project.FullName, TimeSpan.FromMinutes(5));
            Assert.True(build.ExitCode == 0, build.Output);

            await using var host = ExternalScimHost.Start(Path.Combine(project.FullName, "out", "ReadmeHost.dll"), "readme-token-7f3c");
            var client = host.Client;
            var unauthorized = await host.FirstResponseAsync("Users", TimeSpan.FromSeconds(30));
            Assert.True(unauthorized.StatusCode == HttpStatusCode.Unauthorized, host.Log);

            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "readme-token-7f3c");
            using var content = new StringContent("""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bjensen"}""", Encoding.UTF8, "application/scim+json");
            var created = await client.PostAsync("Users", content);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.StartsWith(host.BaseAddress + "Users/", created.Headers.Location!.ToString(), StringComparison.Ordinal);

            var testConnection = await client.GetAsync($"Users?filter=userName+eq+%22{Guid.NewGuid()}%22");
            Assert.Equal(HttpStatusCode.OK, testConnection.StatusCode);
            Assert.Equal("application/scim+json", testConnection.Content.Headers.ContentType!.MediaType);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("Groups")).StatusCode);
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
        var readme = File.ReadAllText(Path.Combine(DotnetCli.RepositoryRoot(), "README.md")).ReplaceLineEndings("\n");
        var at = readme.IndexOf("\n" + Heading + "\n", StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{Heading}' section.");
        var section = readme[(at + Heading.Length + 2)..];
        var next = section.IndexOf("\n## ", StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        var blocks = CSharpBlock().Matches(section);
        Assert.True(blocks.Count == 1, $"The quick start must have exactly one C# block; it has {blocks.Count}.");
        return blocks[0].Groups[1].Value;
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
