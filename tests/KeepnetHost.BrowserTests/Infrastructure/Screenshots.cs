using Microsoft.Playwright;

namespace KeepnetHost.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots of the console's screens: always into the test output (<c>screenshots/</c>), and into the repository's
/// <c>docs/screenshots/</c>, which the README shows, when <c>UPDATE_SCREENSHOTS=1</c> (so a test run leaves the work tree clean).
/// </summary>
public static class Screenshots
{
    public static async Task TakeAsync(IPage page, string name)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Animations = ScreenshotAnimations.Disabled });
        var output = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(output);
        await File.WriteAllBytesAsync(Path.Combine(output, name + ".png"), bytes);
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1" && RepositoryRoot() is { } root)
        {
            var docs = Path.Combine(root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), bytes);
        }
    }

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Scim.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
