using Scim.LoadTest;

// Scim.LoadTest: see Options.Usage and benchmarks/README.md.
Options options;
try
{
    options = Options.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

if (!options.BaseUrl.IsLoopback)
{
    Console.Error.WriteLine("Load tests run against a loopback address only (127.0.0.1).");
    return 2;
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = options.BaseUrl,
    Timeout = TimeSpan.FromSeconds(120),
};
var host = options.HostPid is { } pid ? new HostProcess(pid) : null;
var entra = new Entra(http);
return options.Mode switch
{
    "cycle" => await new Cycle(options, entra, host).RunAsync(),
    "large-groups" => await new LargeGroups(options, entra, host).RunAsync(),
    _ => throw new ArgumentException($"Unknown --mode '{options.Mode}'.\n{Options.Usage}"),
};
