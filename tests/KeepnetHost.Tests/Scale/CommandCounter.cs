using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KeepnetHost.Tests.Scale;

/// <summary>
/// Counts the SQL commands the host's DbContext runs for a request and the rows its readers read, while <see cref="Recording"/>.
/// Not counted: the provisioning log's writes (a background loop batches them, so they land in no particular request)
/// and the token check (cached for seconds, so whether a request runs it depends on the clock).
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();
    private long _rows;

    public bool Recording { get; set; }

    public IReadOnlyList<string> Commands => [.. _commands];

    public long RowsRead => Interlocked.Read(ref _rows);

    public void Reset()
    {
        _commands.Clear();
        Interlocked.Exchange(ref _rows, 0);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
        Record(command, result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Record(command, result));

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        if (Recording && Counted(command))
        {
            Interlocked.Add(ref _rows, eventData.ReadCount);
        }

        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result) =>
        ValueTask.FromResult(DataReaderClosing(command, eventData, result));

    private static bool Counted(DbCommand command) =>
        !command.CommandText.Contains("\"ProvisioningLog\"", StringComparison.Ordinal) && !command.CommandText.Contains("\"TokenHash\"", StringComparison.Ordinal);

    private T Record<T>(DbCommand command, T result)
    {
        if (Recording && Counted(command))
        {
            _commands.Enqueue(command.CommandText);
        }

        return result;
    }
}
