using System.Net;
using System.Text.Json.Nodes;
using KeepnetHost.Data;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>The platform's rules on every SCIM write: mandatory mail, field mappings, grouping, group sync, time zone, licence.</summary>
public abstract class PlatformRuleTests(KeepnetHostFixture host) : HostScenarios(host)
{
    private const string Country = "Country / Region";
    private const string WorkCountry = "addresses[type eq \"work\"].country";

    /// <summary>The help page's Country / Region recipe: map the work country, group by it, group-sync off.</summary>
    private static readonly object CountrySetting = new
    {
        name = "Entra ID",
        fieldMappings = new[] { new { scimPath = WorkCountry, customField = Country } },
        groupName = "Everyone else",
        groupBy = Country,
        syncPlatformGroup = false,
    };

    [HostFact]
    public async Task CreateUser_NoEmail_400InvalidValueNamingEmailsAndNothingStored()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        sent.Remove("emails");

        var detail = (await tenant.Scim.PostAsync("Users", sent.ToJsonString())).ExpectScimError(HttpStatusCode.BadRequest, "invalidValue");

        Assert.Contains("emails", detail, StringComparison.Ordinal);
        Assert.Empty(await Admin.TargetUsersAsync(tenant.CompanyId));
        Assert.Equal(0, Total((await tenant.Scim.GetAsync("Users")).Expect(HttpStatusCode.OK)));
    }

    [HostFact]
    public async Task PatchUser_RemoveEmails_400AndUserUnchanged()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var created = await tenant.CreateUserAsync(sent);

        (await tenant.Scim.PatchAsync($"Users/{Id(created)}", Patch(Op("Remove", "emails", null)))).ExpectScimError(HttpStatusCode.BadRequest, "invalidValue");

        Assert.True(JsonNode.DeepEquals(created, (await tenant.Scim.GetAsync($"Users/{Id(created)}")).Expect(HttpStatusCode.OK)));
        Assert.Equal(Text(sent["userName"]), Text((await Admin.TargetUserAsync(tenant.CompanyId, Id(created)))["email"]));
    }

    [HostFact]
    public async Task ReplaceUser_NoEmail_400AndUserUnchanged()
    {
        var tenant = await TenantAsync();
        var created = await tenant.CreateUserAsync(EntraUser());
        var replacement = created.DeepClone().AsObject();
        replacement.Remove("meta");
        replacement.Remove("emails");

        (await tenant.Scim.SendAsync(HttpMethod.Put, $"Users/{Id(created)}", replacement.ToJsonString())).ExpectScimError(HttpStatusCode.BadRequest, "invalidValue");

        Assert.True(JsonNode.DeepEquals(created, (await tenant.Scim.GetAsync($"Users/{Id(created)}")).Expect(HttpStatusCode.OK)));
    }

    [HostFact]
    public async Task Mail_WorkElsePrimaryElseOnlyEmail_AndEntraAddCreatesTheWorkEmail()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        sent["emails"] = new JsonArray(new JsonObject { ["type"] = "home", ["value"] = "babs@home.example" });
        var id = Id(await tenant.CreateUserAsync(sent));
        Assert.Equal("babs@home.example", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["email"]));

        var patched = (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Add", "emails[type eq \"work\"].value", "babs@contoso.com")))).Expect(HttpStatusCode.OK);

        Assert.Equal(2, patched["emails"]!.AsArray().Count);
        Assert.Equal("babs@contoso.com", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["email"]));
    }

    [HostFact]
    public async Task GroupByMappedCountry_UserMovesWithItsCountry()
    {
        var tenant = await TenantAsync(CountrySetting, customFields: Country);
        var sent = EntraUser();
        sent["addresses"] = new JsonArray(new JsonObject { ["type"] = "work", ["country"] = "UK" });
        var id = Id(await tenant.CreateUserAsync(sent));

        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("UK", Text(user["customFields"]![Country]));
        Assert.Equal(new[] { "UK" }, user["groups"]!.AsArray().Select(Text));
        var uk = Assert.Single(await Admin.GroupsAsync(tenant.CompanyId))!;
        Assert.Equal(("UK", "rule", 1), (Text(uk["name"]), Text(uk["kind"]), uk["memberCount"]!.GetValue<int>()));

        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", WorkCountry, "Germany")))).Expect(HttpStatusCode.OK);

        user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("Germany", Text(user["customFields"]![Country]));
        Assert.Equal(new[] { "Germany" }, user["groups"]!.AsArray().Select(Text));
        var groups = (await Admin.GroupsAsync(tenant.CompanyId)).ToDictionary(g => Text(g!["name"])!, g => g!["memberCount"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { ["Germany"] = 1, ["UK"] = 0 }, groups);
    }

    [HostFact]
    public async Task GroupByMappedCountry_NoValue_GoesToGroupNameGroup()
    {
        var tenant = await TenantAsync(CountrySetting, customFields: Country);
        var id = Id(await tenant.CreateUserAsync(EntraUser()));

        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Empty(user["customFields"]!.AsObject());
        Assert.Equal(new[] { "Everyone else" }, user["groups"]!.AsArray().Select(Text));
        Assert.Equal("target", Text(Assert.Single(await Admin.GroupsAsync(tenant.CompanyId))!["kind"]));

        // Entra's Add of the work country, when the user had no address: now the country group.
        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Add", WorkCountry, "UK")))).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { "UK" }, (await Admin.TargetUserAsync(tenant.CompanyId, id))["groups"]!.AsArray().Select(Text));
    }

    [HostFact]
    public async Task GroupByMappedCountry_DeletedGroup_ReactivatedOnNextSync()
    {
        var tenant = await TenantAsync(CountrySetting, customFields: Country);
        var sent = EntraUser();
        sent["addresses"] = new JsonArray(new JsonObject { ["type"] = "work", ["country"] = "UK" });
        var id = Id(await tenant.CreateUserAsync(sent));
        var uk = Text(Assert.Single(await Admin.GroupsAsync(tenant.CompanyId))!["id"]);
        await using (var scope = Host.Factory.Services.CreateAsyncScope())
        {
            // An operator deletes the group on the platform.
            var db = scope.ServiceProvider.GetRequiredService<KeepnetDbContext>();
            await db.Groups.Where(g => g.Id == uk).ExecuteUpdateAsync(g => g.SetProperty(x => x.Deleted, true));
        }

        Assert.Empty(await Admin.GroupsAsync(tenant.CompanyId));

        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", "displayName", "Babs")))).Expect(HttpStatusCode.OK);

        var group = Assert.Single(await Admin.GroupsAsync(tenant.CompanyId))!;
        Assert.Equal((uk, "UK", 1), (Text(group["id"]), Text(group["name"]), group["memberCount"]!.GetValue<int>()));
    }

    [HostFact]
    public async Task GroupNameAlone_EveryUserInThatGroup()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", groupName = "Entra users" });
        var sent = EntraUser();
        sent[EnterpriseUser] = new JsonObject { ["department"] = "Sales" };
        await tenant.CreateUserAsync(sent);
        await tenant.CreateUserAsync(EntraUser());

        Assert.All(await Admin.TargetUsersAsync(tenant.CompanyId), u => Assert.Equal(new[] { "Entra users" }, u!["groups"]!.AsArray().Select(Text)));
        var group = Assert.Single(await Admin.GroupsAsync(tenant.CompanyId))!;
        Assert.Equal(("Entra users", 2), (Text(group["name"]), group["memberCount"]!.GetValue<int>()));
    }

    [HostFact]
    public async Task GroupByDepartment_DepartmentGroupAndMoveOnChange()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", groupBy = "Department" });
        var sent = EntraUser();
        sent[EnterpriseUser] = new JsonObject { ["department"] = "Sales" };
        sent["addresses"] = new JsonArray(new JsonObject { ["type"] = "work", ["formatted"] = "2 Old St, Leeds" });
        var id = Id(await tenant.CreateUserAsync(sent));

        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("Sales", Text(user["department"]));
        Assert.Equal(new[] { "Sales" }, user["groups"]!.AsArray().Select(Text));

        // One PATCH mixing Replace on value-filter paths with Add on the enterprise department, as Entra sends it [O].
        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(
            Op("Replace", "emails[type eq \"work\"].value", "babs@contoso.com"),
            Op("Replace", "addresses[type eq \"work\"].formatted", "1 Main St, London"),
            Op("Add", $"{EnterpriseUser}:department", "Marketing")))).Expect(HttpStatusCode.OK);

        user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal(("Marketing", "babs@contoso.com"), (Text(user["department"]), Text(user["email"])));
        Assert.Equal(new[] { "Marketing" }, user["groups"]!.AsArray().Select(Text));
    }

    [HostFact]
    public async Task SyncPlatformGroupOn_ScimGroupMirroredWithMembers()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", syncPlatformGroup = true });
        var id = Id(await tenant.CreateUserAsync(EntraUser()));
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Keepnet UK")));
        await tenant.AddMembersAsync(group, id);

        var mirrored = Assert.Single(await Admin.GroupsAsync(tenant.CompanyId))!;
        Assert.Equal(("Keepnet UK", "idp", 1), (Text(mirrored["name"]), Text(mirrored["kind"]), mirrored["memberCount"]!.GetValue<int>()));
        Assert.Equal(new[] { "Keepnet UK" }, (await Admin.TargetUserAsync(tenant.CompanyId, id))["groups"]!.AsArray().Select(Text));
    }

    [HostFact]
    public async Task SyncPlatformGroupOff_ScimGroupStoredButNotMirrored()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", syncPlatformGroup = false });
        var id = Id(await tenant.CreateUserAsync(EntraUser()));
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Keepnet UK")));
        await tenant.AddMembersAsync(group, id);

        Assert.Empty(await Admin.GroupsAsync(tenant.CompanyId));
        Assert.Empty((await Admin.TargetUserAsync(tenant.CompanyId, id))["groups"]!.AsArray());
        Assert.Single(Members((await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK)));
    }

    [HostFact]
    public async Task TimeZone_CountryZoneOrGarbage_PlatformZoneAndScimKeepsWhatWasSent()
    {
        var tenant = await TenantAsync();
        var expected = new Dictionary<string, string?>
        {
            ["GB"] = "Europe/London",
            ["US"] = "America/New_York",
            ["Europe/Istanbul"] = "Europe/Istanbul",
            ["not a zone"] = null,
        };

        foreach (var (sent, zone) in expected)
        {
            var user = EntraUser();
            user["timezone"] = sent;
            var created = await tenant.CreateUserAsync(user);

            Assert.Equal(zone, Text((await Admin.TargetUserAsync(tenant.CompanyId, Id(created)))["timezone"]));
            Assert.Equal(sent, Text((await tenant.Scim.GetAsync($"Users/{Id(created)}")).Expect(HttpStatusCode.OK)["timezone"]));
        }
    }

    [HostFact]
    public async Task TimeZone_PatchedCountry_PlatformZoneFollows()
    {
        var tenant = await TenantAsync();
        var user = EntraUser();
        user["timezone"] = "GB";
        var id = Id(await tenant.CreateUserAsync(user));

        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", "timezone", "US")))).Expect(HttpStatusCode.OK);

        Assert.Equal("America/New_York", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["timezone"]));
    }

    [HostFact]
    public async Task LicenceWarn_OverTheLimit_CreatedAndOverageShown()
    {
        var tenant = await TenantAsync(licenseCount: 1);

        await tenant.CreateUserAsync(EntraUser());
        await tenant.CreateUserAsync(EntraUser());

        var company = await Admin.CompanyAsync(tenant.CompanyId);
        Assert.Equal(("warn", 2, 1), (Text(company["licensePolicy"]), company["activeUsers"]!.GetValue<int>(), company["overage"]!.GetValue<int>()));
    }

    [HostFact]
    public async Task LicenceEnforce_ConcurrentCreates_OnlyTheLastSeatTaken()
    {
        var tenant = await TenantAsync(licenseCount: 3, licensePolicy: "enforce");
        await tenant.CreateUserAsync(EntraUser());
        await tenant.CreateUserAsync(EntraUser());

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => tenant.Scim.PostAsync("Users", EntraUser().ToJsonString()))));

        Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.Created), r => r.ExpectScimError(HttpStatusCode.Forbidden));
        Assert.Equal(3, (await Admin.CompanyAsync(tenant.CompanyId))["activeUsers"]!.GetValue<int>());
    }

    [HostFact]
    public async Task LicenceEnforce_OverTheLimit_RefusedAndNothingStored()
    {
        var tenant = await TenantAsync(licenseCount: 1, licensePolicy: "enforce");
        var first = Id(await tenant.CreateUserAsync(EntraUser()));

        var detail = (await tenant.Scim.PostAsync("Users", EntraUser().ToJsonString())).ExpectScimError(HttpStatusCode.Forbidden);

        Assert.Contains("licence", detail, StringComparison.OrdinalIgnoreCase);
        Assert.Single(await Admin.TargetUsersAsync(tenant.CompanyId));

        // Deleting frees the seat.
        (await tenant.Scim.DeleteAsync($"Users/{first}")).Expect(HttpStatusCode.NoContent);
        first = Id(await tenant.CreateUserAsync(EntraUser()));

        // A seat frees when a user is disabled; re-activating it past the limit is refused the same way.
        (await tenant.Scim.PatchAsync($"Users/{first}", Patch(Op("Replace", "active", "False")))).Expect(HttpStatusCode.OK);
        await tenant.CreateUserAsync(EntraUser());
        (await tenant.Scim.PatchAsync($"Users/{first}", Patch(Op("Replace", "active", "True")))).ExpectScimError(HttpStatusCode.Forbidden);
        Assert.Equal("Inactive", Text((await Admin.TargetUserAsync(tenant.CompanyId, first))["status"]));
        Assert.False((await tenant.Scim.GetAsync($"Users/{first}")).Expect(HttpStatusCode.OK)["active"]!.GetValue<bool>());
        var company = await Admin.CompanyAsync(tenant.CompanyId);
        Assert.Equal(("enforce", 1, 0), (Text(company["licensePolicy"]), company["activeUsers"]!.GetValue<int>(), company["overage"]!.GetValue<int>()));
    }
}

public sealed class PlatformRuleTestsOnSqlite(KeepnetHostFixture host) : PlatformRuleTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PlatformRuleTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : PlatformRuleTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
