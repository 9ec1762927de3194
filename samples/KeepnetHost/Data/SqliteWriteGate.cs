using System.Collections.Concurrent;
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

    /// <summary>Waits for the file's write turn; disposing the result gives it back.</summary>
    public static async Task<IAsyncDisposable> EnterAsync(string dataSource, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(dataSource.Length == 0 ? dataSource : Path.GetFullPath(dataSource), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
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
