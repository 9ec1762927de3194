using System.Diagnostics;

namespace Scim.AspNetCore.Tests;

/// <summary>Runs the dotnet CLI from a test, as a developer would at a prompt, and finds the repository.</summary>
internal static class DotnetCli
{
    public static string RepositoryRoot()
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

    /// <summary>Starts dotnet without the MSBuild settings of the <c>dotnet test</c> that runs the test, which must not leak into a nested build.</summary>
    public static ProcessStartInfo StartInfo(string arguments, string directory)
    {
        var start = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    /// <summary>Runs <c>dotnet arguments</c> to the end; past the timeout the process tree is killed and the output so far returned with exit code -1.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string arguments, string directory, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(arguments, directory))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"dotnet {arguments} timed out after {timeout}.\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, $"dotnet {arguments}\n{await stdout}{await stderr}");
    }

    /// <summary>The project file of a net10.0 web app as strict as ours (nullable, warnings as errors), with these items.</summary>
    public static string WebAppProject(params string[] items) => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            {string.Join("\n    ", items)}
          </ItemGroup>
        </Project>
        """;
}
