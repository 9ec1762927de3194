using System.Net;
using KeepnetHost.Data;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeepnetHost.Tests.Scale;

/// <summary>
/// A member change on a big group is pushed down to the store (IMemberChangeStore) and never loads the members, and
/// <c>excludedAttributes=members</c> never reads them: the same SQL commands and the same handful of rows on a group of
/// 10 and of 20,000 members. Counts, not timings (benchmarks/README.md has the timings).
/// </summary>
public abstract class LargeGroupTests(KeepnetHostFixture host) : HostScenarios(host)
{
    private const int Large = 20_000;

    [HostFact]
    public async Task MemberAddRemoveAndGetWithoutMembers_SameCommandsAndRowsOnTenAndTwentyThousandMembers()
    {
        var counter = new CommandCounter();
        await using var factory = Host.Another(new Dictionary<string, string> { ["LoadTest:Baseline"] = "true" }).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.ConfigureDbContext<SqliteKeepnetDbContext>(o => o.AddInterceptors(counter));
            services.ConfigureDbContext<PostgresKeepnetDbContext>(o => o.AddInterceptors(counter));
        }));
        var admin = factory.Admin();
        var companyId = await admin.CreateCompanyAsync("Large groups", 1_000_000);
        var (_, token) = await admin.CreateSettingAsync(companyId, new { name = "Entra ID", syncPlatformGroup = true });
        var scim = factory.Scim(token);

        var small = Id((await scim.PostAsync("Groups", EntraGroup("Ten").ToJsonString())).Expect(HttpStatusCode.Created));
        var large = Id((await scim.PostAsync("Groups", EntraGroup("Twenty thousand").ToJsonString())).Expect(HttpStatusCode.Created));
        (await admin.SendAsync(HttpMethod.Post, $"/loadtest/groups/{small}/seed?count=10")).Expect(HttpStatusCode.OK);
        (await admin.SendAsync(HttpMethod.Post, $"/loadtest/groups/{large}/seed?count={Large}")).Expect(HttpStatusCode.OK);
        var user = Id((await scim.PostAsync("Users", EntraUser().ToJsonString())).Expect(HttpStatusCode.Created));

        async Task<(int Commands, long Rows)> CountAsync(Func<Task> request)
        {
            counter.Reset();
            counter.Recording = true;
            await request();
            counter.Recording = false;
            return (counter.Commands.Count, counter.RowsRead);
        }

        foreach (var (name, send) in new (string, Func<string, Task>)[]
        {
            ("add", async g => (await scim.PatchAsync($"Groups/{g}", Patch(MembersOp("Add", user)))).Expect(HttpStatusCode.NoContent)),
            ("remove", async g => (await scim.PatchAsync($"Groups/{g}", Patch(MembersOp("Remove", user)))).Expect(HttpStatusCode.NoContent)),
            ("get", async g => Assert.Null((await scim.GetAsync($"Groups/{g}?excludedAttributes=members")).Expect(HttpStatusCode.OK)["members"])),
        })
        {
            var onSmall = await CountAsync(() => send(small));
            var onLarge = await CountAsync(() => send(large));

            Assert.True(onSmall == onLarge, $"{name}: {onSmall} (commands, rows read) on 10 members, {onLarge} on {Large}");
            Assert.True(onLarge.Commands > 0, $"{name}: the counter saw no command (is the interceptor on the host's contexts?)");
            Assert.True(onLarge.Commands <= 12 && onLarge.Rows <= 10, $"{name} on {Large} members: {onLarge.Commands} commands, {onLarge.Rows} rows read");
        }

        // The seed and the changes really happened: the groups hold their members, the user was added and removed again.
        var counts = (await admin.GroupsAsync(companyId)).ToDictionary(g => Text(g!["name"])!, g => g!["memberCount"]!.GetValue<int>());
        Assert.Equal(10, counts["Ten"]);
        Assert.Equal(Large, counts["Twenty thousand"]);
    }
}

public sealed class LargeGroupTestsOnSqlite(KeepnetHostFixture host) : LargeGroupTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class LargeGroupTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : LargeGroupTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
