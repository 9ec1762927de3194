using System.Data.Common;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

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

    /// <summary>Runs SQL on the database directly, beside the host (a trigger that makes the database refuse a row, say).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using DbConnection connection = SqliteFile is null ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

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
