namespace Scim.LoadTest;

/// <summary>One run of the tool against a running host (the command line's, or a test's), its report written as it goes.</summary>
public static class LoadRun
{
    /// <exception cref="InvalidOperationException">The run could not be set up (a company, setting or warm-up request failed).</exception>
    public static async Task<LoadResult> RunAsync(Options options, TextWriter output, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = options.BaseUrl,
            Timeout = TimeSpan.FromSeconds(120),
        };
        // The clients report errors as they meet them, from many threads at once.
        output = TextWriter.Synchronized(output);
        var host = options.HostPid is { } pid ? new HostProcess(pid) : null;
        var entra = new Entra(http, cancellationToken);
        var result = options.Mode switch
        {
            "cycle" => await new Cycle(options, entra, host, output).RunAsync(),
            "large-groups" => await new LargeGroups(options, entra, host, output).RunAsync(),
            _ => throw new ArgumentException($"Unknown mode '{options.Mode}'.", nameof(options)),
        };
        output.WriteLine($"RESULT: {result.Errors} request errors, {result.Mismatches} verification mismatches: {(result.Passed ? "PASS" : "FAIL")}");
        return result;
    }
}
