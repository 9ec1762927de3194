namespace KeepnetHost.BrowserTests.Infrastructure;

/// <summary>
/// The Debian <c>chromium</c> binary the tests drive (Playwright never downloads a browser here). Without it the tests
/// are skipped on a developer's machine and fail in CI (<c>CI=true</c>), where <c>.ci/run</c> installs it.
/// </summary>
public static class Chromium
{
    public static readonly string? Path = Find();

    public static bool Required => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string Missing = "The chromium binary is not installed (Debian: apt-get install chromium); CI installs it.";

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator)
            .Append("/usr/bin")
            .Select(folder => System.IO.Path.Combine(folder, "chromium"))
            .FirstOrDefault(File.Exists);
}

/// <summary>A browser test: skipped when chromium is absent, except in CI, where that is a failure.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.Required)
        {
            Skip = Chromium.Missing;
        }
    }
}
