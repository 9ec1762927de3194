using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace KeepnetHost.Data;

/// <summary>
/// Writes of their own (one command each: <see cref="SqliteWriteGate.ExecuteAsync"/>) that queue for one SQLite file's
/// write turn, committed together: the turn's holder writes every write still queued, each in a savepoint of its own,
/// in one transaction.
/// </summary>
/// <remarks>
/// Each commit syncs the WAL to disk (SQLite's default <c>synchronous=FULL</c>; kept, so an answered write survives a
/// power cut). While one write syncs, the others queue; committed one by one, each paid a sync of its own and wrote the
/// pages it shares with its neighbours (the tables' last pages, the ordered ids' index) again. A write that fails is
/// rolled back to its savepoint and fails alone; the others are committed. If the commit itself fails, every write of
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

        // Writes queued meanwhile saw the flag set and rely on this check: the next batch goes on another thread, so
        // this caller's request goes on.
        Volatile.Write(ref _writing, 0);
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteBatchAsync);
        }
    }

    private void Write(List<QueuedWrite> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var changed = new int[batch.Count];
        var failed = new Exception?[batch.Count];
        // A batch's writes are mostly the same SQL (creates): each statement is prepared once per batch and run again
        // with the next write's values, the savepoints' as well.
        var prepared = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
        try
        {
            using var connection = new SqliteConnection(writerConnectionString);
            connection.Open();
            using var transaction = connection.BeginTransaction();
            int Run(string sql, IReadOnlyList<object?> values)
            {
                if (prepared.TryGetValue(sql, out var command))
                {
                    RawSql.Bind(command, values);
                }
                else
                {
                    prepared[sql] = command = RawSql.Command(connection, transaction, sql, values);
                }

                return command.ExecuteNonQuery();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                Run("SAVEPOINT write", []);
                try
                {
                    changed[i] = Run(batch[i].Sql, batch[i].Values);
                }
                catch (SqliteException e)
                {
                    // Its statements so far are undone; the batch goes on. (If SQLite rolled the whole transaction back,
                    // this throws, and the batch fails as one.)
                    failed[i] = e;
                    Run("ROLLBACK TO write", []);
                }

                Run("RELEASE write", []);
            }

            transaction.Commit();
        }
        catch (Exception e)
        {
            foreach (var write in batch)
            {
                write.Outcome.TrySetException(e);
            }

            return;
        }
        finally
        {
            foreach (var command in prepared.Values)
            {
                command.Dispose();
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failed[i] is { } error)
            {
                batch[i].Outcome.TrySetException(error);
            }
            else
            {
                batch[i].Outcome.TrySetResult(changed[i]);
            }
        }
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
