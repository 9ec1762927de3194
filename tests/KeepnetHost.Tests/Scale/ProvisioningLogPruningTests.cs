using KeepnetHost.Data;
using KeepnetHost.Scim;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeepnetHost.Tests.Scale;

/// <summary>
/// The log stores a batch as one page per setting and keeps a setting's newest <c>ProvisioningLog:EntriesPerSetting</c>
/// entries: a reader sees exactly those, failures first, and a page that holds none of them is deleted.
/// </summary>
public abstract class ProvisioningLogPruningTests
{
    protected abstract Task<HostDatabase> DatabaseAsync();

    [HostFact]
    public async Task Read_BatchesPastTheLimit_TheNewestEntriesFailuresFirstAndOnlyThePagesThatHoldThem()
    {
        var database = await DatabaseAsync();
        try
        {
            await using var host = new KeepnetFactory(database, new Dictionary<string, string> { ["ProvisioningLog:EntriesPerSetting"] = "10" });
            // Timers that never fire: each flush below writes exactly the entries recorded before it, as one page.
            await using var stopped = host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new TimersNeverFire())));
            var book = stopped.Services.GetRequiredService<ProvisioningLogBook>();
            var settingId = $"s{Guid.NewGuid():N}"[..12];
            var recorded = 0;
            foreach (var pageSize in new[] { 7, 9, 9 })
            {
                for (var end = recorded + pageSize; recorded < end; recorded++)
                {
                    book.Record(new ProvisioningLogEntry
                    {
                        CompanyId = "pruningco001", SettingId = settingId, Time = DateTime.UtcNow, Method = "GET",
                        Path = $"/scim/Users/{recorded}", Status = recorded is 3 or 20 or 22 ? 404 : 200,
                    });
                }

                await book.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            }

            await using var scope = stopped.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KeepnetDbContext>();
            var log = await book.ReadAsync(db, settingId, 100, CancellationToken.None);

            // Entries 15-24, newest first, the two failures among them ahead; entry 3 failed too, but is older than the ten.
            int[] shown = [22, 20, 24, 23, 21, 19, 18, 17, 16, 15];
            Assert.Equal(shown.Select(i => $"/scim/Users/{i}"), log.Select(e => e.Path));
            Assert.Equal(shown.Select(i => i is 20 or 22 ? 404 : 200), log.Select(e => e.Status));
            // The first page (entries 0-6) holds none of the newest ten: deleted. The second (7-15) holds entry 15: kept.
            Assert.Equal([9, 9], await db.ProvisioningLogPages.Where(p => p.SettingId == settingId).OrderBy(p => p.Id).Select(p => p.Count).ToListAsync());
            Assert.Equal(3, (await book.ReadAsync(db, settingId, 3, CancellationToken.None)).Count);
        }
        finally
        {
            database.Delete();
        }
    }
}

public sealed class ProvisioningLogPruningTestsOnSqlite : ProvisioningLogPruningTests
{
    protected override Task<HostDatabase> DatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class ProvisioningLogPruningTestsOnPostgres(PostgresFixture postgres) : ProvisioningLogPruningTests
{
    protected override Task<HostDatabase> DatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
