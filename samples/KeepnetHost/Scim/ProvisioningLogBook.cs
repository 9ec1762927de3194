using System.Threading.Channels;
using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.Scim;

/// <summary>
/// Keeps the provisioning log: entries recorded by <see cref="ProvisioningLog"/> are written in batches by one
/// background loop, so a SCIM request never waits for (or contends with) its own log write.
/// </summary>
/// <remarks>
/// A batch (what gathered in 250 ms, at most 500 entries) is one write transaction, and it prunes each setting it touched to its newest
/// <c>ProvisioningLog:EntriesPerSetting</c> entries (1,000). Readers flush first, so the log they see includes every
/// request answered before they asked. A stop drains the queue; a killed process loses at most the entries still queued
/// (the log is a diagnostic aid, never the record of what was provisioned). If the queue is full (10,000 entries, the
/// database far behind), new entries are dropped and counted in a warning rather than slowing SCIM down.
/// </remarks>
public sealed partial class ProvisioningLogBook(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ProvisioningLogBook> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    // Entries gather this long between writes: one write transaction (a disk sync, and on SQLite the one write turn)
    // per interval rather than per request. A reader's flush waits at most about this long.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<object> _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly int _kept = Math.Max(1, configuration.GetValue("ProvisioningLog:EntriesPerSetting", 1000));
    private int _dropped;

    /// <summary>Queues an entry; never waits.</summary>
    public void Record(ProvisioningLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Waits until every entry recorded before the call is in the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(written))
        {
            // Stopped (nothing more will be written) or full (the writer is far behind): read what is there.
            return;
        }

        await written.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The setting's entries (<see langword="null"/>: requests no token named), newest first with the failures (status 400 and up) first.</summary>
    public async Task<List<ProvisioningLogEntry>> ReadAsync(KeepnetDbContext db, string? settingId, int take, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        return await db.ProvisioningLog.AsNoTracking().Where(e => e.SettingId == settingId)
            .OrderByDescending(e => e.Status >= 400).ThenByDescending(e => e.Id).Take(take).ToListAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ProvisioningLogEntry>(BatchSize);
        var flushes = new List<TaskCompletionSource>();
        // Not cancelled by the stop: StopAsync completes the queue, and the loop drains it before it ends.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            if (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, CancellationToken.None);
            }

            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var item))
            {
                if (item is ProvisioningLogEntry entry)
                {
                    batch.Add(entry);
                }
                else
                {
                    flushes.Add((TaskCompletionSource)item);
                    break;
                }
            }

            await WriteAsync(batch);
            batch.Clear();
            flushes.ForEach(f => f.TrySetResult());
            flushes.Clear();
            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                LogDropped(logger, dropped);
            }
        }
    }

    private async Task WriteAsync(List<ProvisioningLogEntry> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeepnetDbContext>();
            await using var transaction = await db.BeginWriteAsync(CancellationToken.None);
            // Through EF Core each entry was a statement parsed afresh, all inside SQLite's write turn.
            await db.InsertAsync(
                """INSERT INTO "ProvisioningLog" ("CompanyId", "SettingId", "Time", "Method", "Path", "Resource", "Status", "ScimType", "Detail") VALUES """,
                [.. batch.Select(e => new object?[] { e.CompanyId, e.SettingId, e.Time, e.Method, e.Path, e.Resource, e.Status, e.ScimType, e.Detail })],
                CancellationToken.None);

            foreach (var settingId in batch.Select(e => e.SettingId).Distinct())
            {
                var cutoff = await db.ProvisioningLog.Where(e => e.SettingId == settingId).OrderByDescending(e => e.Id)
                    .Skip(_kept).Select(e => e.Id).FirstOrDefaultAsync(CancellationToken.None);
                if (cutoff > 0)
                {
                    await db.ProvisioningLog.Where(e => e.SettingId == settingId && e.Id <= cutoff).ExecuteDeleteAsync(CancellationToken.None);
                }
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            // Whatever the cause, the loop goes on: it alone completes the readers' flushes, and a log never stops the host.
            LogNotRecorded(logger, batch.Count, e);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "{Count} SCIM requests could not be recorded in the provisioning log")]
    private static partial void LogNotRecorded(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "The provisioning log fell behind: {Count} entries were dropped")]
    private static partial void LogDropped(ILogger logger, int count);
}
