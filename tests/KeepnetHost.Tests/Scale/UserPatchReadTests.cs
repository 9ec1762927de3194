using System.Net;
using KeepnetHost.Data;
using KeepnetHost.Tests.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeepnetHost.Tests.Scale;

/// <summary>
/// Entra ID's user PATCH reads the database twice before it writes: the endpoint's read of the resource, and the
/// store's read of the row to change with its rule-group memberships, as one query. On PostgreSQL every read is a
/// round trip that a PATCH holds its connection and the user's write gate for.
/// </summary>
public sealed class UserPatchReadTests(KeepnetHostFixture host) : HostScenarios(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();

    [Fact]
    public async Task EntraUserPatch_TwoReadsBeforeTheWrite()
    {
        var counter = new CommandCounter();
        var savepoints = new SavepointCounter();
        await using var factory = Host.Another().WithWebHostBuilder(b => b.ConfigureTestServices(
            services => services.ConfigureDbContext<SqliteKeepnetDbContext>(o => o.AddInterceptors(counter, savepoints))));
        var admin = factory.Admin();
        var companyId = await admin.CreateCompanyAsync("Patches", 100);
        var (_, token) = await admin.CreateSettingAsync(companyId, new { name = "Entra ID", groupBy = "Department" });
        var scim = factory.Scim(token);
        var user = EntraUser();
        user[EnterpriseUser] = new System.Text.Json.Nodes.JsonObject { ["department"] = "Sales" };
        var id = Id((await scim.PostAsync("Users", user.ToJsonString())).Expect(HttpStatusCode.Created));

        counter.Recording = true;
        savepoints.Created = 0;
        (await scim.PatchAsync($"Users/{id}", Patch(
            Op("Replace", "emails[type eq \"work\"].value", "moved@example.com"),
            Op("Replace", $"{EnterpriseUser}:department", "Support"),
            Op("Replace", "active", "False")))).Expect(HttpStatusCode.OK);
        counter.Recording = false;

        // Of users and memberships; the rule's own group lookup (by name) is not counted.
        var reads = counter.Commands.Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.Ordinal)
            && (c.Contains("FROM \"Users\"", StringComparison.Ordinal) || c.Contains("FROM \"GroupMembers\"", StringComparison.Ordinal))).ToList();
        Assert.True(reads.Count == 2, string.Join("\n\n", reads));
        // Nor does the write wrap its save in a savepoint: on PostgreSQL, two statements and a round trip more.
        Assert.Equal(0, savepoints.Created);
        // The rules moved the user from the Sales group to Support in the same write.
        var groups = await admin.GroupsAsync(companyId);
        Assert.Equal(0, groups.Single(g => g!["name"]!.GetValue<string>() == "Sales")!["memberCount"]!.GetValue<int>());
        Assert.Equal(1, groups.Single(g => g!["name"]!.GetValue<string>() == "Support")!["memberCount"]!.GetValue<int>());
    }
}
