using KeepnetHost.Data;
using Microsoft.Data.Sqlite;

namespace KeepnetHost.Tests.Concurrency;

/// <summary>
/// Writes of their own that queue for a SQLite file's write turn share one commit (<c>SqliteGroupCommit</c>), on a
/// real file: the test holds the turn, queues the writes behind it, and lets go. Each write is still all or nothing
/// and fails alone; a commit the database refuses fails every write it carried.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private const string Insert = """INSERT INTO "Rows" ("Name") VALUES (@p0)""";

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"keepnet-group-commit-{Guid.NewGuid():N}.db");

    private string ConnectionString => $"Data Source={_file};Foreign Keys=True";

    [Fact]
    public async Task QueuedWrites_OneRefusedByAUniqueIndex_OnlyThatOneFailsWithNothingOfItStored()
    {
        await SchemaAsync("""CREATE TABLE "Rows" ("Name" TEXT NOT NULL UNIQUE); INSERT INTO "Rows" VALUES ('taken');""");

        var (first, refused, duplicate, last) = await BehindTheTurnAsync(() => (
            Write(Insert, "first"),
            // Its first statement succeeds, its second is refused: the first must be undone with it.
            Write(Insert + """; INSERT INTO "Rows" ("Name") VALUES (@p1)""", "half", "taken"),
            // The same statement as the writes around it, refused between them.
            Write(Insert, "taken"),
            Write(Insert, "last")));

        Assert.Equal(1, await first);
        Assert.Equal(1, await last);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => refused)).SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => duplicate)).SqliteErrorCode);
        Assert.Equal(["first", "last", "taken"], await NamesAsync());
    }

    [Fact]
    public async Task QueuedWrites_CommitRefused_EveryWriteOfTheCommitFailsAndNoneIsStored()
    {
        // A deferred foreign key is checked at the commit: the one orphan makes the shared commit fail.
        await SchemaAsync("""
            CREATE TABLE "Parents" ("Id" INTEGER PRIMARY KEY);
            CREATE TABLE "Rows" ("Name" TEXT NOT NULL, "Parent" INTEGER REFERENCES "Parents" ("Id") DEFERRABLE INITIALLY DEFERRED);
            """);
        const string child = """INSERT INTO "Rows" ("Name", "Parent") VALUES (@p0, @p1)""";

        var (kept, orphan) = await BehindTheTurnAsync(() => (Write(Insert, "would-be-kept"), Write(child, "orphan", 42)));

        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => kept)).SqliteErrorCode);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => orphan)).SqliteErrorCode);
        Assert.Empty(await NamesAsync());

        // The file takes writes again: the failed commit left no transaction open.
        Assert.Equal(1, await Write(Insert, "after"));
        Assert.Equal(["after"], await NamesAsync());
    }

    [Fact]
    public async Task QueuedWrite_CancelledBeforeItsTurn_IsNotWrittenAndTheOthersAre()
    {
        await SchemaAsync("""CREATE TABLE "Rows" ("Name" TEXT NOT NULL)""");
        using var cancel = new CancellationTokenSource();

        var (before, cancelled, after) = await BehindTheTurnAsync(() =>
        {
            var writes = (Write(Insert, "before"), Write(cancel.Token, Insert, "cancelled"), Write(Insert, "after"));
            cancel.Cancel();
            return writes;
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, await before);
        Assert.Equal(1, await after);
        Assert.Equal(["after", "before"], await NamesAsync());
    }

    public static TheoryData<object?> ValuesOfEveryKindAWriteBinds => new()
    {
        "plain", string.Empty, "Zoë Ñúñez 🙂 名前", "quote ' and \0 nul", null, DBNull.Value, true, false, 0, -7, int.MaxValue, long.MinValue,
        new DateTime(2026, 11, 29, 17, 9, 18, 391, DateTimeKind.Utc).AddTicks(6790), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1), DateTime.MaxValue,
    };

    [Theory]
    [MemberData(nameof(ValuesOfEveryKindAWriteBinds))]
    public async Task Write_ValueOfEachKind_IsStoredAsSqliteCommandStoresIt(object? value)
    {
        await SchemaAsync("""CREATE TABLE "Rows" ("Name" TEXT NOT NULL, "Value")""");

        // Parameters out of order and one used twice, as a write's SQL may have them.
        Assert.Equal(2, await Write("""INSERT INTO "Rows" ("Value", "Name") VALUES (@p1, @p0); INSERT INTO "Rows" ("Name", "Value") VALUES ('again', @p1)""", "turn", value));
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """INSERT INTO "Rows" ("Name", "Value") VALUES ('command', @p0)""";
            command.Parameters.AddWithValue("@p0", value ?? DBNull.Value);
            await command.ExecuteNonQueryAsync();
        }

        var stored = await QuotedValuesAsync();
        Assert.Equal(3, stored.Count);
        Assert.Equal(stored["command"], stored["turn"]);
        Assert.Equal(stored["command"], stored["again"]);
    }

    [Fact]
    public async Task Write_RefusedByAUniqueIndex_ItsStatementsTakeTheNextWrite()
    {
        await SchemaAsync("""CREATE TABLE "Rows" ("Name" TEXT NOT NULL UNIQUE)""");

        // In one batch: the refused write's prepared statement is reset, and the next write runs it again.
        var (first, refused, next) = await BehindTheTurnAsync(() => (Write(Insert, "a"), Write(Insert, "a"), Write(Insert, "b")));

        Assert.Equal(1, await first);
        var error = await Assert.ThrowsAsync<SqliteException>(() => refused);
        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Contains("UNIQUE constraint failed: Rows.Name", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await next);
        Assert.Equal(["a", "b"], await NamesAsync());
    }

    [Fact]
    public async Task Write_ParameterNotNamedAsAWritesAre_FailsAndStoresNothing()
    {
        await SchemaAsync("""CREATE TABLE "Rows" ("Name" TEXT NOT NULL)""");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Write("""INSERT INTO "Rows" ("Name") VALUES ($name)""", "x"));

        Assert.Contains("$name", error.Message, StringComparison.Ordinal);
        Assert.Empty(await NamesAsync());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    /// <summary>Holds the file's write turn while <paramref name="queue"/> starts its writes, so that they queue, then lets go.</summary>
    private async Task<T> BehindTheTurnAsync<T>(Func<T> queue)
    {
        T writes;
        var before = await NamesAsync();
        await using (await SqliteWriteGate.EnterAsync(_file, CancellationToken.None))
        {
            writes = queue();
            // Nothing may be written while the turn is held.
            await Task.Delay(100);
            Assert.Equal(before, await NamesAsync());
        }

        return writes;
    }

    private Task<int> Write(string sql, params object?[] values) => Write(CancellationToken.None, sql, values);

    private Task<int> Write(CancellationToken cancellationToken, string sql, params object?[] values) =>
        SqliteWriteGate.ExecuteAsync(ConnectionString, sql, values, cancellationToken);

    private async Task SchemaAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;" + sql;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<Dictionary<string, string>> QuotedValuesAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name", typeof("Value") || ' ' || quote("Value") FROM "Rows" """;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0), reader.GetString(1));
        }

        return values;
    }

    private async Task<List<string>> NamesAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Name" FROM "Rows" ORDER BY "Name" """;
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
