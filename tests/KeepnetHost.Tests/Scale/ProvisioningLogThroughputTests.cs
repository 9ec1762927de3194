using KeepnetHost.Data;
using KeepnetHost.Scim;
using KeepnetHost.Tests.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace KeepnetHost.Tests.Scale;

/// <summary>
/// The provisioning log keeps up with the database, not with its timer: a full batch of entries, and a reader's flush,
/// are written at once. When each batch of 500 waited out 250 ms first, the log took at most 2,000 entries a second and
/// dropped the rest under load (the load test's lookups phase ran at 4,400 SCIM requests a second).
/// </summary>
public sealed class ProvisioningLogThroughputTests
{
    [Fact]
    public async Task Flush_ThreeBatchesQueued_AllWrittenWithoutTheTimer()
    {
        var database = await HostDatabase.SqliteAsync();
        try
        {
            await using var host = new KeepnetFactory(database, new Dictionary<string, string> { ["ProvisioningLog:EntriesPerSetting"] = "5000" });
            // Timers that never fire: whatever the book writes here, it writes without waiting for one.
            await using var stopped = host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(new TimersNeverFire())));
            var book = stopped.Services.GetRequiredService<ProvisioningLogBook>();
            var marker = $"/scim/log-test-{Guid.NewGuid():N}/";

            for (var i = 0; i < 1_200; i++)
            {
                book.Record(new ProvisioningLogEntry { Time = DateTime.UtcNow, Method = "GET", Path = marker + i, Status = 200 });
            }

            await book.FlushAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

            await using var scope = stopped.Services.CreateAsyncScope();
            var log = await book.ReadAsync(scope.ServiceProvider.GetRequiredService<KeepnetDbContext>(), null, 5_000, CancellationToken.None);
            Assert.Equal(1_200, log.Count(e => e.Path.StartsWith(marker, StringComparison.Ordinal)));
        }
        finally
        {
            database.Delete();
        }
    }
}
