using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace KeepnetHost.Data;

/// <summary>
/// Writes of their own (one command each: <see cref="SqliteWriteGate.ExecuteAsync"/>) that queue for one SQLite file's
/// write turn, committed together: the turn's holder writes every write still queued in one transaction.
/// </summary>
/// <remarks>
/// Each commit syncs the WAL to disk (SQLite's default <c>synchronous=FULL</c>; kept, so an answered write survives a
/// power cut). While one write syncs, the others queue; committed one by one, each paid a sync of its own and wrote the
/// pages it shares with its neighbours (the tables' last pages, the ordered ids' index) again. A write that fails, fails
/// alone: the transaction is rolled back and the batch written again without it. (Rather than a savepoint around each
/// write: SQLite copies every page a write changes under a savepoint to a statement journal, a temporary file once a
/// batch's copies outgrow 64 KiB, for a rollback that almost never comes.) If the commit itself fails, every write of
/// the batch fails with it and none is stored.
/// </remarks>
internal sealed class SqliteGroupCommit(string dataSource, string writerConnectionString)
{
    // Bounds the time one turn holds the file, and so what a transaction waiting behind it waits.
    private const int MostPerCommit = 64;

    private readonly ConcurrentQueue<QueuedWrite> _queue = new();

    // 1 while a batch is being taken and written: whoever sets it writes the next batch.
    private int _writing;

    /// <summary>Runs <paramref name="sql"/> with <paramref name="values"/> as <c>@p0</c>, <c>@p1</c>, ...; returns the rows it changed.</summary>
    /// <remarks>
    /// Cancelled while queued, it is not written. Once a batch has taken it, it is written whatever the caller does
    /// (a write in progress was never interrupted), and the call waits for its outcome.
    /// </remarks>
    public async Task<int> ExecuteAsync(string sql, IReadOnlyList<object?> values, CancellationToken cancellationToken)
    {
        var write = new QueuedWrite(sql, values);
        _queue.Enqueue(write);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            // This caller waits for the turn and writes what is queued, its own write included.
            await WriteBatchAsync();
        }

        try
        {
            return await write.Outcome.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !write.TryCancel())
        {
            return await write.Outcome.Task;
        }
    }

    private async Task WriteBatchAsync()
    {
        try
        {
            await using (await SqliteWriteGate.EnterAsync(dataSource, CancellationToken.None))
            {
                var batch = new List<QueuedWrite>();
                while (batch.Count < MostPerCommit && _queue.TryDequeue(out var write))
                {
                    if (write.TryTake())
                    {
                        batch.Add(write);
                    }
                }

                Write(batch);
            }
        }
        finally
        {
            // Whatever happened, the flag is cleared (or every later write would wait for a batch that never comes), and
            // writes queued meanwhile, which saw it set, are written: by a batch on another thread, so this caller's
            // request goes on.
            Volatile.Write(ref _writing, 0);
            if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            {
                _ = Task.Run(WriteBatchAsync);
            }
        }
    }

    /// <summary>Writes <paramref name="pending"/> (the batch, which it empties) and completes each write's outcome.</summary>
    private void Write(List<QueuedWrite> pending)
    {
        if (pending.Count == 0)
        {
            return;
        }

        // A batch's writes are mostly the same SQL (creates): each statement is prepared once per batch and run again
        // with the next write's values.
        var prepared = new Dictionary<string, SqliteWriteStatements>(StringComparer.Ordinal);
        try
        {
            using var connection = new SqliteConnection(writerConnectionString);
            connection.Open();
            while (pending.Count > 0)
            {
                var changed = new int[pending.Count];
                var refused = -1;
                using (var transaction = connection.BeginTransaction())
                {
                    for (var i = 0; i < pending.Count && refused < 0; i++)
                    {
                        try
                        {
                            changed[i] = Run(connection, prepared, pending[i]);
                        }
                        catch (SqliteException e)
                        {
                            pending[i].Outcome.TrySetException(e);
                            refused = i;
                        }
                    }

                    if (refused >= 0)
                    {
                        // Undoes the refused write's statements so far and the writes before it, which go again.
                        transaction.Rollback();
                        pending.RemoveAt(refused);
                        continue;
                    }

                    transaction.Commit();
                }

                for (var i = 0; i < pending.Count; i++)
                {
                    pending[i].Outcome.TrySetResult(changed[i]);
                }

                pending.Clear();
            }
        }
        catch (Exception e)
        {
            foreach (var write in pending)
            {
                write.Outcome.TrySetException(e);
            }
        }
        finally
        {
            foreach (var statements in prepared.Values)
            {
                statements.Dispose();
            }
        }
    }

    private static int Run(SqliteConnection connection, Dictionary<string, SqliteWriteStatements> prepared, QueuedWrite write)
    {
        if (!prepared.TryGetValue(write.Sql, out var statements))
        {
            prepared[write.Sql] = statements = new SqliteWriteStatements(connection, write.Sql);
        }

        return statements.Run(write.Values);
    }

    private sealed class QueuedWrite(string sql, IReadOnlyList<object?> values)
    {
        private const int Queued = 0, Taken = 1, Cancelled = 2;

        private int _state;

        public string Sql => sql;

        public IReadOnlyList<object?> Values => values;

        public TaskCompletionSource<int> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>A batch takes the write, unless its caller gave up first.</summary>
        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        /// <summary>The caller gives up on the write, unless a batch took it first.</summary>
        public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
    }
}
