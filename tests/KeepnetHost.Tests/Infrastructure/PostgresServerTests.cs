using Npgsql;
using Xunit.Abstractions;

namespace KeepnetHost.Tests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [PostgresFact]
    public async Task CreateDatabaseAsync_FreshDatabase_StoresRowsAndEnforcesUniqueIndexes()
    {
        output.WriteLine($"Server on port {postgres.Server.Port}, started in {postgres.Server.StartupTime.TotalMilliseconds:F0} ms");
        await using var connection = new NpgsqlConnection(await postgres.Server.CreateDatabaseAsync());
        await connection.OpenAsync();

        await ExecuteAsync(connection, "CREATE TABLE users (id serial PRIMARY KEY, user_name text NOT NULL)");
        await ExecuteAsync(connection, "CREATE UNIQUE INDEX users_user_name ON users (lower(user_name))");
        await ExecuteAsync(connection, "INSERT INTO users (user_name) VALUES ('bjensen')");

        await using (var select = new NpgsqlCommand("SELECT user_name FROM users", connection))
            Assert.Equal("bjensen", await select.ExecuteScalarAsync());
        var duplicate = await Assert.ThrowsAsync<PostgresException>(
            () => ExecuteAsync(connection, "INSERT INTO users (user_name) VALUES ('BJensen')"));
        Assert.Equal("23505", duplicate.SqlState);
    }

    [PostgresFact]
    public async Task CreateDatabaseAsync_TwoDatabases_AreIsolated()
    {
        await using var first = new NpgsqlConnection(await postgres.Server.CreateDatabaseAsync());
        await using var second = new NpgsqlConnection(await postgres.Server.CreateDatabaseAsync());
        await first.OpenAsync();
        await second.OpenAsync();

        await ExecuteAsync(first, "CREATE TABLE only_here (id int)");

        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_here'", second);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
        Assert.NotEqual(first.Database, second.Database);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
