using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KeepnetHost.Tests.Hosting;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>
/// Okta, OneLogin and JumpCloud replayed over HTTP as shared/reference/okta-and-others.md records their requests, with
/// the platform's target users and groups checked through the admin API afterwards.
/// </summary>
public abstract class IdentityProviderTests(KeepnetHostFixture host) : HostScenarios(host)
{
    /// <summary>Okta's create body [O1]: placeholder password, <c>groups: []</c>, <c>externalId</c> the Okta user id.</summary>
    private static string OktaUser(string mail, string givenName) => $$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{mail}}",
         "name":{"givenName":"{{givenName}}","familyName":"User"},"emails":[{"primary":true,"value":"{{mail}}","type":"work"}],
         "displayName":"{{givenName}} User","locale":"en-US","externalId":"00u{{Guid.NewGuid():N}}","groups":[],"password":"1mz050nq","active":true}
        """;

    /// <summary>Okta's deactivate and reactivate [O7]: <c>{"op":"replace","value":{"active":false}}</c>, no path.</summary>
    private static string OktaActive(bool active) => new JsonObject
    {
        ["schemas"] = new JsonArray(PatchOp),
        ["Operations"] = new JsonArray(new JsonObject { ["op"] = "replace", ["value"] = new JsonObject { ["active"] = active } }),
    }.ToJsonString();

    [HostFact]
    public async Task Okta_ProvisioningSequence_PlatformUsersAndGroupsFollow()
    {
        var tenant = await TenantAsync(new { name = "Okta", syncPlatformGroup = true });
        var scim = tenant.Scim;
        var mail = $"test.user.{Guid.NewGuid():N}@okta.local";
        var other = $"other.{Guid.NewGuid():N}@okta.local";

        // Test Connector, then assignment: lookup, create.
        var test = (await scim.GetAsync("Users?startIndex=1&count=2")).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Number, test["totalResults"]!.GetValueKind());
        Assert.Equal(0, Total((await scim.GetAsync($"Users?{Filter($"userName eq \"{mail}\"")}&startIndex=1&count=100")).Expect(HttpStatusCode.OK)));
        var created = (await scim.PostAsync("Users", OktaUser(mail, "Test"))).Expect(HttpStatusCode.Created);
        var id = Id(created);
        var otherId = Id((await scim.PostAsync("Users", OktaUser(other, "Other"))).Expect(HttpStatusCode.Created));
        Assert.Null(created["password"]);

        // Profile update: GET, then PUT of the whole object edited in place, echoing id, meta and readOnly groups.
        var user = (await scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK).AsObject();
        Assert.Null(user["password"]);
        user["name"]!["givenName"] = "Renamed";
        user["groups"] = new JsonArray();
        user["password"] = "1mz050nq";
        user["meta"] = JsonNode.Parse("""{"created":"04-12-2018 00:00:00","version":"v1.0"}""");
        user.Remove("displayName");
        var put = (await scim.SendAsync(HttpMethod.Put, $"Users/{id}", user.ToJsonString())).Expect(HttpStatusCode.OK);
        Assert.Equal("Renamed", Text(put["name"]!["givenName"]));
        Assert.Null(put["displayName"]);
        Assert.Null(put["password"]);
        Assert.Equal(Text(created["meta"]!["created"]), Text(put["meta"]!["created"]));

        // Unassign: deactivate by the no-path replace; the user is still returned by GET and by lookup.
        var deactivated = (await scim.PatchAsync($"Users/{id}", OktaActive(false))).Expect(HttpStatusCode.OK);
        Assert.False(deactivated["active"]!.GetValue<bool>());
        Assert.Equal("Renamed", Text(deactivated["name"]!["givenName"]));
        Assert.Equal("Inactive", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["status"]));
        Assert.False((await scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK)["active"]!.GetValue<bool>());
        var lookup = (await scim.GetAsync($"Users?{Filter($"userName eq \"{mail}\"")}&startIndex=1&count=100")).Expect(HttpStatusCode.OK);
        Assert.Equal(id, Id(Assert.Single(lookup["Resources"]!.AsArray())!));

        // Reassign: lookup, then reactivate.
        (await scim.PatchAsync($"Users/{id}", OktaActive(true))).Expect(HttpStatusCode.OK);
        Assert.Equal("Active", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["status"]));

        // Push Groups: lookup, create with members: [], member changes, rename repeating the id, unlink.
        Assert.Equal(0, Total((await scim.GetAsync($"Groups?{Filter("displayName eq \"Okta Sales\"")}&startIndex=1&count=100")).Expect(HttpStatusCode.OK)));
        var group = Id((await scim.PostAsync("Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Okta Sales","members":[]}""")).Expect(HttpStatusCode.Created));
        Assert.True((await scim.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[
             {"op":"remove","path":"members[value eq \"{{otherId}}\"]"},
             {"op":"add","path":"members","value":[{"value":"{{id}}","display":"{{mail}}"}]}]}
            """)).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        Assert.Equal(new string?[] { "Okta Sales" }, (await Admin.TargetUserAsync(tenant.CompanyId, id))["groups"]!.AsArray().Select(Text));
        Assert.True((await scim.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"remove","path":"members[value eq \"{{id}}\"]"}]}
            """)).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        Assert.Empty((await Admin.TargetUserAsync(tenant.CompanyId, id))["groups"]!.AsArray());
        Assert.True((await scim.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"replace","path":"members","value":[{"value":"{{id}}","display":"{{mail}}"},{"value":"{{otherId}}","display":"{{other}}"}]}]}
            """)).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        Assert.True((await scim.PatchAsync($"Groups/{group}", $$$"""
            {"schemas":["{{{PatchOp}}}"],"Operations":[{"op":"replace","value":{"id":"{{{group}}}","displayName":"Okta Sales EMEA"}}]}
            """)).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        var platformGroup = Assert.Single(await Admin.GroupsAsync(tenant.CompanyId), g => Text(g!["id"]) == group)!;
        Assert.Equal("Okta Sales EMEA", Text(platformGroup["name"]));
        Assert.Equal(2, platformGroup["memberCount"]!.GetValue<int>());
        Assert.Equal(new string?[] { "Okta Sales EMEA" }, (await Admin.TargetUserAsync(tenant.CompanyId, otherId))["groups"]!.AsArray().Select(Text));

        // Unlink: DELETE carrying a body content type and no body.
        (await scim.SendAsync(HttpMethod.Delete, $"Groups/{group}", string.Empty)).Expect(HttpStatusCode.NoContent);
        Assert.DoesNotContain(await Admin.GroupsAsync(tenant.CompanyId), g => Text(g!["id"]) == group);
        var platformUser = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("Active", Text(platformUser["status"]));
        Assert.Equal(mail, Text(platformUser["email"]));
        Assert.Equal("Renamed", Text(platformUser["firstName"]));
        Assert.Empty(platformUser["groups"]!.AsArray());
        Assert.DoesNotContain("1mz050nq", (await Admin.TargetUsersAsync(tenant.CompanyId)).ToJsonString(), StringComparison.Ordinal);
    }

    [HostFact]
    public async Task Okta_RateLimited_429WithRetryAfterThenTheRetrySucceeds()
    {
        var tenant = await TenantAsync(new { name = "Okta", syncPlatformGroup = true });
        await using var limited = Host.Another(new Dictionary<string, string> { ["Scim:RateLimit:RequestsPerSecond"] = "1", ["Scim:RateLimit:Burst"] = "1" });
        var scim = limited.Scim(tenant.Token);
        var mail = $"limited.{Guid.NewGuid():N}@okta.local";

        (await scim.GetAsync("Users?startIndex=1&count=2")).Expect(HttpStatusCode.OK);
        var refused = await scim.PostAsync("Users", OktaUser(mail, "Limited"));

        refused.ExpectScimError(HttpStatusCode.TooManyRequests);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter >= TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.ToString());
        Assert.Empty(await Admin.TargetUsersAsync(tenant.CompanyId));
        // Okta reschedules the job after Retry-After.
        await Task.Delay(retryAfter!.Value + TimeSpan.FromMilliseconds(200));
        var id = Id((await scim.PostAsync("Users", OktaUser(mail, "Limited"))).Expect(HttpStatusCode.Created));
        Assert.Equal("Active", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["status"]));
    }

    /// <summary>OneLogin's SCIM JSON template (Keepnet's): string <c>active</c>, <c>"id": null</c>, one <c>emails</c> object, <c>managerId</c>.</summary>
    private static string OneLoginUser(string mail, string active, string? managerId) => $$$$"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","{{{{EnterpriseUser}}}}"],"id":null,
         "userName":"{{{{mail}}}}","name":{"givenName":"Ann","familyName":"Lee"},"active":"{{{{active}}}}",
         "emails":{"value":"{{{{mail}}}}","primary":true,"type":"work"},
         "{{{{EnterpriseUser}}}}":{"department":"Sales","manager":{"managerId":"{{{{managerId}}}}","displayName":"The Boss"}}}
        """;

    [HostFact]
    public async Task OneLogin_ProvisioningSequence_PlatformUsersAndGroupsFollow()
    {
        var tenant = await TenantAsync(new { name = "OneLogin", syncPlatformGroup = true });
        var scim = tenant.Scim;
        var bossMail = $"boss.{Guid.NewGuid():N}@onelogin.local";
        var mail = $"ann.{Guid.NewGuid():N}@onelogin.local";

        var boss = Id((await scim.PostAsync("Users", OneLoginUser(bossMail, "true", managerId: string.Empty))).Expect(HttpStatusCode.Created));
        var created = (await scim.PostAsync("Users", OneLoginUser(mail, "true", boss))).Expect(HttpStatusCode.Created);
        var id = Id(created);
        Assert.True(created["active"]!.GetValue<bool>());
        Assert.Equal(mail, Text(created["emails"]![0]!["value"]));
        Assert.Equal(boss, Text(created[EnterpriseUser]!["manager"]!["value"]));
        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal(("Active", mail, "Sales"), (Text(user["status"]), Text(user["email"]), Text(user["department"])));

        var group = Id((await scim.PostAsync("Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"OneLogin Sales"}""")).Expect(HttpStatusCode.Created));
        Assert.True((await scim.PatchAsync($"Groups/{group}", $$"""
            {"schemas":["{{PatchOp}}"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{id}}"}]}]}
            """)).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        Assert.Equal(new string?[] { "OneLogin Sales" }, (await Admin.TargetUserAsync(tenant.CompanyId, id))["groups"]!.AsArray().Select(Text));

        // Suspend by the template with "active":"false", then reactivate.
        Assert.False((await scim.SendAsync(HttpMethod.Put, $"Users/{id}", OneLoginUser(mail, "false", boss))).Expect(HttpStatusCode.OK)["active"]!.GetValue<bool>());
        Assert.Equal("Inactive", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["status"]));
        (await scim.SendAsync(HttpMethod.Put, $"Users/{id}", OneLoginUser(mail, "true", boss))).Expect(HttpStatusCode.OK);
        Assert.Equal("Active", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["status"]));

        // "Delete User" is on: a real DELETE, a soft delete on the platform.
        (await scim.DeleteAsync($"Users/{id}")).Expect(HttpStatusCode.NoContent);
        (await scim.GetAsync($"Users/{id}")).ExpectScimError(HttpStatusCode.NotFound);
        user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("Deleted", Text(user["status"]));
        Assert.Empty(user["groups"]!.AsArray());
        Assert.Equal("Active", Text((await Admin.TargetUserAsync(tenant.CompanyId, boss))["status"]));

        // A shape no client sends is still an error naming the attribute, and nothing is stored.
        var detail = (await scim.PostAsync("Users", OneLoginUser($"x.{mail}", "maybe", boss))).ExpectScimError(HttpStatusCode.BadRequest, "invalidValue");
        Assert.Contains("active", detail, StringComparison.Ordinal);
        Assert.Equal(2, (await Admin.TargetUsersAsync(tenant.CompanyId)).Count);
    }

    [HostFact]
    public async Task JumpCloud_TestConnectionThenProvisioning_LeavesNoTestDataAndLinksTheExistingGroup()
    {
        var tenant = await TenantAsync(new { name = "JumpCloud", syncPlatformGroup = true });
        var scim = tenant.Scim;
        var existing = Id(await tenant.CreateGroupAsync(EntraGroup("Engineering")));

        // Test Connection: a real test user and group, then DELETE of both.
        var testMail = $"admin.test.{Guid.NewGuid():N}@jumpcloud.local";
        var testUser = Id((await scim.PostAsync("Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{testMail}}","name":{"givenName":"Test","familyName":"User"},
             "emails":[{"value":"{{testMail}}","primary":true}],"active":true}
            """)).Expect(HttpStatusCode.Created));
        var testGroup = Id((await scim.PostAsync("Groups", """{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"JumpCloud Test Group"}""")).Expect(HttpStatusCode.Created));
        (await scim.DeleteAsync($"Users/{testUser}")).Expect(HttpStatusCode.NoContent);
        (await scim.DeleteAsync($"Groups/{testGroup}")).Expect(HttpStatusCode.NoContent);
        Assert.Equal("Deleted", Text((await Admin.TargetUserAsync(tenant.CompanyId, testUser))["status"]));
        Assert.DoesNotContain(await Admin.GroupsAsync(tenant.CompanyId), g => Text(g!["id"]) == testGroup);

        // Provisioning: users, then the group found by displayName and linked, members in Entra's value-list form.
        var mails = new[] { $"a.{Guid.NewGuid():N}@jumpcloud.local", $"b.{Guid.NewGuid():N}@jumpcloud.local" };
        var ids = new List<string>();
        foreach (var mail in mails)
        {
            ids.Add(Id((await scim.PostAsync("Users", $$"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{mail}}","name":{"givenName":"J","familyName":"C"},
                 "emails":[{"value":"{{mail}}","primary":true}],"active":true}
                """)).Expect(HttpStatusCode.Created)));
        }

        var lookup = (await scim.GetAsync($"Groups?{Filter("displayName eq \"Engineering\"")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(existing, Id(Assert.Single(lookup["Resources"]!.AsArray())!));
        Assert.True((await scim.PatchAsync($"Groups/{existing}", Patch(Op("add", "members", new JsonArray(
            new JsonObject { ["value"] = ids[0] }, new JsonObject { ["value"] = ids[1] }))))).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);
        Assert.True((await scim.PatchAsync($"Groups/{existing}", Patch(Op("remove", "members", new JsonArray(
            new JsonObject { ["value"] = ids[0] }))))).Status is HttpStatusCode.OK or HttpStatusCode.NoContent);

        var groups = await Admin.GroupsAsync(tenant.CompanyId);
        var engineering = Assert.Single(groups, g => Text(g!["name"]) == "Engineering")!;
        Assert.Equal((existing, 1), (Text(engineering["id"]), engineering["memberCount"]!.GetValue<int>()));
        Assert.Empty((await Admin.TargetUserAsync(tenant.CompanyId, ids[0]))["groups"]!.AsArray());
        var member = await Admin.TargetUserAsync(tenant.CompanyId, ids[1]);
        Assert.Equal(("Active", mails[1]), (Text(member["status"]), Text(member["email"])));
        Assert.Equal(new string?[] { "Engineering" }, member["groups"]!.AsArray().Select(Text));
    }
}

public sealed class IdentityProviderTestsOnSqlite(KeepnetHostFixture host) : IdentityProviderTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}
