using KeepnetHost.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace KeepnetHost.Tests.Hosting;

/// <summary>The database a test class runs the host on: a fresh SQLite file (deleted after) or a fresh PostgreSQL database.</summary>
public sealed record HostDatabase(string Provider, string ConnectionString, string? SqliteFile = null)
{
    public static Task<HostDatabase> SqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"keepnet-test-{Guid.NewGuid():N}.db");
        return Task.FromResult(new HostDatabase("Sqlite", $"Data Source={file}", file));
    }

    public static async Task<HostDatabase> PostgresAsync(PostgresFixture postgres) =>
        new("Postgres", await postgres.Server.CreateDatabaseAsync());

    /// <summary>Deletes the SQLite file and its WAL companions; a PostgreSQL database goes with the throwaway server.</summary>
    public void Delete()
    {
        if (SqliteFile is null)
        {
            return;
        }

        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { SqliteFile, SqliteFile + "-wal", SqliteFile + "-shm" })
        {
            File.Delete(path);
        }
    }
}
