namespace KeepnetHost.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run, shared by the test classes of
/// <see cref="PostgresCollection"/>; each class creates its own database on it.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The running server.</summary>
    /// <exception cref="InvalidOperationException">PostgreSQL is not installed (the tests are skipped then).</exception>
    public PostgresServer Server => _server ?? throw new InvalidOperationException(PostgresServer.SkipReason);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Where the tests are skipped there is nothing to start; on CI a missing server throws here,
        // which fails every test of the collection with the reason.
        if (PostgresServer.SkipReason is null)
            _server = await PostgresServer.StartAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
