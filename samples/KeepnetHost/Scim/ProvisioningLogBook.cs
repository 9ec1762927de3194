using System.Text.Json;
using System.Threading.Channels;
using KeepnetHost.Data;
using Microsoft.EntityFrameworkCore;

namespace KeepnetHost.Scim;

/// <summary>
/// Keeps the provisioning log: entries recorded by <see cref="ProvisioningLog"/> are written in batches by one
/// background loop, so a SCIM request never waits for (or contends with) its own log write.
/// </summary>
/// <remarks>
/// A batch (what gathered in 250 ms, at most 500 entries) is one write transaction that stores one
/// <see cref="ProvisioningLogPage"/> per setting, and it prunes each setting it touched to the pages that hold its newest
/// <c>ProvisioningLog:EntriesPerSetting</c> entries (1,000); readers see exactly those entries. A full batch goes at once, without waiting out the 250 ms,
/// so the log keeps up with the database rather than with the timer. Readers flush first (at once too), so the log they
/// see includes every request answered before they asked. A stop drains the queue; a killed process loses at most the entries still queued
/// (the log is a diagnostic aid, never the record of what was provisioned). If the queue is full (10,000 entries, the
/// database far behind), new entries are dropped and counted in a warning rather than slowing SCIM down.
/// </remarks>
public sealed partial class ProvisioningLogBook(
    IServiceScopeFactory scopes, IConfiguration configuration, ILogger<ProvisioningLogBook> logger, TimeProvider time)
    : BackgroundService
{
    private const int BatchSize = 500;

    // Entries gather this long between writes: one write transaction (a disk sync, and on SQLite the one write turn)
    // per interval rather than per request. A reader's flush waits at most about this long.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Channel<object> _queue = Channel.CreateBounded<object>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly int _kept = Math.Max(1, configuration.GetValue("ProvisioningLog:EntriesPerSetting", 1000));
    private int _dropped;

    // Ends the loop's wait early: a full batch is queued, or a reader asked for a flush.
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Flushes queued and not yet done: while there is one, the loop does not wait.
    private int _flushesWaiting;

    /// <summary>Queues an entry; never waits.</summary>
    public void Record(ProvisioningLogEntry entry)
    {
        if (!_queue.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
        else if (_queue.Reader.Count >= BatchSize)
        {
            Volatile.Read(ref _wake).TrySetResult();
        }
    }

    /// <summary>Waits until every entry recorded before the call is in the database.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _flushesWaiting);
        if (!_queue.Writer.TryWrite(written))
        {
            // Stopped (nothing more will be written) or full (the writer is far behind): read what is there.
            Interlocked.Decrement(ref _flushesWaiting);
            return;
        }

        Volatile.Read(ref _wake).TrySetResult();
        await written.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The setting's entries (<see langword="null"/>: requests no token named), newest first with the failures (status 400 and up) first.</summary>
    public async Task<List<ProvisioningLogEntry>> ReadAsync(KeepnetDbContext db, string? settingId, int take, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        var pages = db.ProvisioningLogPages.AsNoTracking().Where(p => p.SettingId == settingId).OrderByDescending(p => p.Id).Select(p => p.Entries);
        var newest = new List<ProvisioningLogEntry>();
        await foreach (var page in pages.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // The oldest page kept may hold entries past the newest _kept: they are not shown, as if pruned.
            var entries = JsonSerializer.Deserialize(page, ProvisioningLogJson.Default.ListProvisioningLogEntry) ?? [];
            for (var i = entries.Count - 1; i >= 0 && newest.Count < _kept; i--)
            {
                newest.Add(entries[i]);
            }

            if (newest.Count == _kept)
            {
                break;
            }
        }

        return [.. newest.OrderByDescending(e => e.Status >= 400).Take(take)];
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
            // Entries gather for the interval, so that a batch is one write turn; a full batch, or a flush a reader waits
            // for, goes at once. (Each batch of 500 waiting out 250 ms capped the log at 2,000 entries a second, and it
            // dropped the rest.) The wake is re-armed before the queue is looked at, so none that comes after is lost.
            var wake = Volatile.Read(ref _wake);
            if (wake.Task.IsCompleted)
            {
                wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref _wake, wake);
            }

            if (!stoppingToken.IsCancellationRequested && _queue.Reader.Count < BatchSize && Volatile.Read(ref _flushesWaiting) == 0)
            {
                await Task.WhenAny(Task.Delay(Interval, time, CancellationToken.None), wake.Task);
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
            Interlocked.Add(ref _flushesWaiting, -flushes.Count);
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
            // One row per setting per batch: a row per entry cost every request an insert, an index entry and a delete.
            var settings = batch.GroupBy(e => (e.CompanyId, e.SettingId)).ToList();
            foreach (var setting in settings)
            {
                var entries = setting.ToList();
                db.ProvisioningLogPages.Add(new ProvisioningLogPage
                {
                    CompanyId = setting.Key.CompanyId,
                    SettingId = setting.Key.SettingId,
                    Count = entries.Count,
                    Entries = JsonSerializer.SerializeToUtf8Bytes(entries, ProvisioningLogJson.Default.ListProvisioningLogEntry),
                });
            }

            await db.SaveChangesAsync(CancellationToken.None);
            // In one order on every host: two hosts pruning the same settings in opposite orders would deadlock.
            foreach (var settingId in settings.Select(s => s.Key.SettingId).Order(StringComparer.Ordinal))
            {
                // The oldest page that holds one of the newest _kept entries; every page before it goes.
                var newer = 0;
                var oldestKept = 0L;
                var pages = db.ProvisioningLogPages.Where(p => p.SettingId == settingId).OrderByDescending(p => p.Id).Select(p => new { p.Id, p.Count });
                await foreach (var page in pages.AsAsyncEnumerable())
                {
                    newer += page.Count;
                    if (newer >= _kept)
                    {
                        oldestKept = page.Id;
                        break;
                    }
                }

                if (oldestKept > 0)
                {
                    await db.ProvisioningLogPages.Where(p => p.SettingId == settingId && p.Id < oldestKept).ExecuteDeleteAsync(CancellationToken.None);
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
