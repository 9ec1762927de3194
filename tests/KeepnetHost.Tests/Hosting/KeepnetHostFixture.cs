namespace KeepnetHost.Tests.Hosting;

/// <summary>
/// One host per test class on its own database, started by the class's first test; it can be restarted on the same
/// database, and further hosts with other settings can share that database.
/// </summary>
public sealed class KeepnetHostFixture : IAsyncLifetime
{
    private HostDatabase? _database;
    private KeepnetFactory? _factory;

    public KeepnetFactory Factory => _factory ?? throw new InvalidOperationException("The host has not been started.");

    public HostDatabase Database => _database ?? throw new InvalidOperationException("The host has not been started.");

    public async Task StartAsync(Func<Task<HostDatabase>> createDatabase)
    {
        if (_factory is null)
        {
            _database = await createDatabase();
            _factory = Another();
        }
    }

    /// <summary>A second host on the same database; the caller disposes it.</summary>
    public KeepnetFactory Another(IReadOnlyDictionary<string, string>? settings = null) =>
        new(_database ?? throw new InvalidOperationException("The host has not been started."), settings ?? new Dictionary<string, string>());

    /// <summary>Stops the host and starts a new one on the same database.</summary>
    public async Task RestartAsync()
    {
        await Factory.DisposeAsync();
        _factory = Another();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _database?.Delete();
    }
}
