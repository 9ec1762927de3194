using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;

namespace KeepnetHost.Data;

/// <summary>
/// One writer at a time per SQLite file in this process, waited for asynchronously.
/// </summary>
/// <remarks>
/// SQLite allows one writer anyway. Without this gate, concurrent writers meet SQLITE_BUSY and Microsoft.Data.Sqlite
/// retries by blocking a thread-pool thread 150 ms at a time: under load that is the long latency tail, and the
/// blocked threads starve the reads as well. Another process on the same file still meets SQLite's own busy wait.
/// </remarks>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // The host's connection string -> the group commit of its file, on the connection string of the writer's pool.
    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> Commits = new(StringComparer.Ordinal);

    /// <summary>Waits for the file's write turn; disposing the result gives it back.</summary>
    public static async Task<IAsyncDisposable> EnterAsync(string dataSource, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(dataSource.Length == 0 ? dataSource : Path.GetFullPath(dataSource), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> (parameters <c>@p0</c>, <c>@p1</c>, ... in the order of <paramref name="values"/>) in
    /// the file's write turn, in a transaction (all of its statements are stored or none), on the writer's connection;
    /// returns the rows changed. Writes that queue meanwhile share a commit: see <see cref="SqliteGroupCommit"/>.
    /// </summary>
    /// <remarks>
    /// Every connection has its own page cache, and SQLite empties it whenever another connection has written since.
    /// Writes that took any connection of the pool met a cold cache every time and read each B-tree's path again (a
    /// create touches eight). The writer's connection comes from a pool of its own (<see cref="GroupCommitOf"/>), and one
    /// writer at a time holds it, so only its own writes go between two turns and its cache stays warm; being pooled,
    /// it is still closed by <see cref="SqliteConnection.ClearAllPools"/> and opened afresh after a fault.
    /// </remarks>
    public static Task<int> ExecuteAsync(string connectionString, string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken) =>
        Commits.GetOrAdd(connectionString, GroupCommitOf).ExecuteAsync(sql, values, cancellationToken);

    /// <summary>
    /// The file's group commit, on the connection string of the writer's pool: Microsoft.Data.Sqlite pools by connection
    /// string, and this one differs from the host's by an explicit private cache (SQLite's default), unless the host's says so already.
    /// </summary>
    private static SqliteGroupCommit GroupCommitOf(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        builder.Cache = SqliteCacheMode.Private;
        return new SqliteGroupCommit(dataSource, builder.ToString());
    }

    private sealed class Turn(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A write transaction that holds the file's write turn until it is disposed.</summary>
internal sealed class GatedTransaction(IDbContextTransaction inner, IAsyncDisposable turn) : IDbContextTransaction
{
    public Guid TransactionId => inner.TransactionId;

    public void Commit() => inner.Commit();

    public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

    public void Rollback() => inner.Rollback();

    public Task RollbackAsync(CancellationToken cancellationToken = default) => inner.RollbackAsync(cancellationToken);

    public void Dispose()
    {
        inner.Dispose();
        turn.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await turn.DisposeAsync();
    }
}
