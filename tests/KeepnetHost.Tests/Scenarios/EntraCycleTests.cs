using System.Net;
using System.Text.Json.Nodes;
using KeepnetHost.Data;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>Entra ID's provisioning cycle as the reference quotes it: Test Connection, create, query, PATCH shapes, disable, groups, delete.</summary>
public abstract class EntraCycleTests(KeepnetHostFixture host) : HostScenarios(host)
{
    [HostFact]
    public async Task TestConnection_RandomGuidUserName_EmptyListResponse()
    {
        var tenant = await TenantAsync();

        var list = (await tenant.Scim.GetAsync($"Users?filter=userName+eq+%22{Guid.NewGuid()}%22")).Expect(HttpStatusCode.OK);

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", Text(list["schemas"]![0]));
        Assert.Equal(0, Total(list));
        Assert.Empty(list["Resources"]?.AsArray() ?? []);
        var groups = (await tenant.Scim.GetAsync($"Groups?excludedAttributes=members&filter=displayName+eq+%22{Guid.NewGuid()}%22")).Expect(HttpStatusCode.OK);
        Assert.Equal(0, Total(groups));
    }

    [HostFact]
    public async Task CreateUser_EntraBody_CreatedActiveTargetUserAndRoundTrips()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();

        var reply = await tenant.Scim.PostAsync("Users", sent.ToJsonString());

        var created = reply.Expect(HttpStatusCode.Created);
        Assert.Equal("application/scim+json", reply.ContentType);
        Assert.False(string.IsNullOrEmpty(Id(created)));
        Assert.Equal("User", Text(created["meta"]!["resourceType"]));
        Assert.NotNull(created["meta"]!["created"]);
        Assert.NotNull(created["meta"]!["lastModified"]);
        var got = (await tenant.Scim.GetAsync($"Users/{Id(created)}")).Expect(HttpStatusCode.OK);
        AssertRoundTrips(sent, got);
        var user = await Admin.TargetUserAsync(tenant.CompanyId, Id(created));
        Assert.Equal("Active", Text(user["status"]));
        Assert.Equal(Text(sent["emails"]![0]!["value"]), Text(user["email"]));
        Assert.Equal(Text(sent["externalId"]), Text(user["externalId"]));
        Assert.Equal("givenName", Text(user["firstName"]));
        Assert.Equal("familyName", Text(user["lastName"]));
    }

    [HostFact]
    public async Task GetUser_SchemasSentLast_AnswersSchemasThenIdFirstAndMetaLast()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var schemas = sent["schemas"]!;
        sent.Remove("schemas");
        sent["schemas"] = schemas;
        var id = Id(await tenant.CreateUserAsync(sent));

        var byId = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        var listed = (await tenant.Scim.GetAsync($"Users?filter=userName+eq+%22{Uri.EscapeDataString(Text(sent["userName"])!)}%22")).Expect(HttpStatusCode.OK);

        foreach (JsonObject user in new[] { byId, listed["Resources"]![0]!.AsObject() })
        {
            var names = user.Select(property => property.Key).ToList();
            Assert.Equal(["schemas", "id"], names[..2]);
            Assert.Equal("meta", names[^1]);
            Assert.Equal(id, Id(user));
            AssertRoundTrips(sent, user);
        }
    }

    [HostFact]
    public async Task GetUser_AttributeLists_ProjectTheStoredUserWithLocationAndVersion()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        sent[EnterpriseUser] = new JsonObject { ["department"] = "Sales" };
        var id = Id(await tenant.CreateUserAsync(sent));
        var filter = $"filter=userName+eq+%22{Uri.EscapeDataString(Text(sent["userName"])!)}%22";

        var reply = await tenant.Scim.GetAsync($"Users/{id}");
        var only = (await tenant.Scim.GetAsync($"Users/{id}?attributes=userName,emails.value")).Expect(HttpStatusCode.OK).AsObject();
        var except = (await tenant.Scim.GetAsync($"Users/{id}?excludedAttributes=emails,meta,{EnterpriseUser}")).Expect(HttpStatusCode.OK).AsObject();
        var listed = (await tenant.Scim.GetAsync($"Users?{filter}&attributes=displayName,meta.version")).Expect(HttpStatusCode.OK)["Resources"]![0]!.AsObject();

        var full = reply.Expect(HttpStatusCode.OK);
        Assert.EndsWith($"/Users/{id}", Text(full["meta"]!["location"]), StringComparison.Ordinal);
        Assert.Equal(Text(full["meta"]!["version"]), reply.Headers.ETag!.ToString());
        Assert.Equal(new[] { CoreUser, EnterpriseUser }, full["schemas"]!.AsArray().Select(n => Text(n)).ToArray());
        Assert.Equal(new[] { "schemas", "id", "userName", "emails" }, only.Select(p => p.Key).ToArray());
        Assert.Equal(new[] { "value" }, only["emails"]![0]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal(new[] { CoreUser }, except["schemas"]!.AsArray().Select(n => Text(n)).ToArray());
        Assert.DoesNotContain(except.Select(p => p.Key), key => key is "emails" or "meta" or EnterpriseUser);
        Assert.Equal(Text(sent["userName"]), Text(except["userName"]));
        Assert.Equal(new[] { "schemas", "id", "meta" }, listed.Select(p => p.Key).ToArray());
        Assert.Equal(new[] { "version" }, listed["meta"]!.AsObject().Select(p => p.Key).ToArray());
    }

    [HostFact]
    public async Task CreatePatchAndPutUser_EachAnswersWhatTheNextGetReturns()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        sent[EnterpriseUser] = new JsonObject { ["department"] = "Sales" };

        var created = (await tenant.Scim.PostAsync("Users", sent.ToJsonString())).Expect(HttpStatusCode.Created);
        var id = Id(created);
        var afterCreate = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        var patched = (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", "displayName", "Renamed"), Op("Replace", "active", "False")))).Expect(HttpStatusCode.OK);
        var afterPatch = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        sent["title"] = "Manager";
        var put = (await tenant.Scim.SendAsync(HttpMethod.Put, $"Users/{id}", sent.ToJsonString())).Expect(HttpStatusCode.OK);
        var afterPut = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);

        // The same members in the same order (schemas, id, ..., meta with location before version), the same values.
        Assert.Equal(afterCreate.ToJsonString(), created.ToJsonString());
        Assert.Equal(afterPatch.ToJsonString(), patched.ToJsonString());
        Assert.Equal(afterPut.ToJsonString(), put.ToJsonString());
        Assert.Equal(["resourceType", "created", "lastModified", "location", "version"], put["meta"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.Equal("Renamed", Text(afterPatch["displayName"]));
        Assert.Equal("Manager", Text(afterPut["title"]));
    }

    [HostFact]
    public async Task QueryUsers_EntraMatchingFilters_FindTheUserIgnoringCase()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var id = Id(await tenant.CreateUserAsync(sent));
        await tenant.CreateUserAsync(EntraUser());
        var mail = Text(sent["emails"]![0]!["value"])!;

        foreach (var filter in new[]
        {
            $"userName eq \"{mail.ToUpperInvariant()}\"",
            $"externalId eq \"{Text(sent["externalId"])}\"",
            $"emails[type eq \"work\"].value eq \"{mail.ToLowerInvariant()}\"",
        })
        {
            var list = (await tenant.Scim.GetAsync($"Users?{Filter(filter)}")).Expect(HttpStatusCode.OK);
            Assert.True(Total(list) == 1, filter);
            Assert.Equal(id, Id(list["Resources"]![0]!));
        }
    }

    [HostFact]
    public async Task CreateUser_ThreeEmails_EachFoundByItsTypeAndValue()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var work = Text(sent["emails"]![0]!["value"])!;
        var tag = Guid.NewGuid().ToString("N")[..8];
        sent["emails"]!.AsArray().Add(new JsonObject { ["type"] = "home", ["value"] = $"home.{tag}@example.com" });
        sent["emails"]!.AsArray().Add(new JsonObject { ["type"] = "other", ["value"] = $"other.{tag}@example.com" });
        var id = Id(await tenant.CreateUserAsync(sent));
        await tenant.CreateUserAsync(EntraUser());

        foreach (var (type, value) in new[] { ("work", work), ("home", $"home.{tag}@example.com"), ("other", $"other.{tag}@example.com") })
        {
            var filter = $"emails[type eq \"{type}\"].value eq \"{value}\"";
            var list = (await tenant.Scim.GetAsync($"Users?{Filter(filter)}")).Expect(HttpStatusCode.OK);
            Assert.True(Total(list) == 1, filter);
            Assert.Equal(id, Id(list["Resources"]![0]!));
        }

        Assert.Equal(0, Total((await tenant.Scim.GetAsync($"Users?{Filter($"emails[type eq \"work\"].value eq \"home.{tag}@example.com\"")}")).Expect(HttpStatusCode.OK)));
    }

    [HostFact]
    public async Task QueryUsers_UserNameOutsideAscii_FoundInAnyCaseByAnyFilter()
    {
        var tenant = await TenantAsync();
        var mail = $"Özgür.Çelik.{Guid.NewGuid():N}@example.com";
        var id = Id(await tenant.CreateUserAsync(EntraUser(mail)));

        // The first is Entra's lookup (a compiled query); the others take the filter translator's general path.
        foreach (var asked in new[] { mail, mail.ToLowerInvariant(), mail.ToUpperInvariant() })
        {
            foreach (var filter in new[] { $"userName eq \"{asked}\"", $"userName eq \"{asked}\" and active eq true", $"userName sw \"{asked[..12]}\"" })
            {
                var list = (await tenant.Scim.GetAsync($"Users?{Filter(filter)}")).Expect(HttpStatusCode.OK);
                Assert.True(Total(list) == 1, filter);
                Assert.Equal(id, Id(list["Resources"]![0]!));
            }
        }
    }

    [HostFact]
    public async Task AddMembers_GroupMissingAndUserUnknown_404ForTheGroup()
    {
        var tenant = await TenantAsync();

        var reply = await tenant.Scim.PatchAsync($"Groups/{Guid.NewGuid()}", Patch(MembersOp("Add", Guid.NewGuid().ToString())));

        reply.Expect(HttpStatusCode.NotFound);
    }

    [HostFact]
    public async Task AddMembers_OneIdUnknown_400NamingItAndNoneAdded()
    {
        var tenant = await TenantAsync();
        var known = Id(await tenant.CreateUserAsync(EntraUser()));
        var member = Id(await tenant.CreateUserAsync(EntraUser()));
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Staff")));
        (await tenant.Scim.PatchAsync($"Groups/{group}", Patch(MembersOp("Add", member)))).Expect(HttpStatusCode.NoContent);
        var unknown = Guid.NewGuid().ToString();

        // A user already a member, a new one and an unknown id: the insert takes the new one before anything names the
        // unknown id, and the whole change must be undone.
        var detail = (await tenant.Scim.PatchAsync($"Groups/{group}", Patch(MembersOp("Add", member, known, unknown))))
            .ExpectScimError(HttpStatusCode.BadRequest, "invalidValue");

        Assert.Contains(unknown, detail, StringComparison.Ordinal);
        Assert.Equal([member], Members((await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK)).Select(m => Text(m!["value"])));
    }

    [HostFact]
    public async Task AddMembers_StaleIfMatchAndUnknownId_412FirstAndNothingChanged()
    {
        var tenant = await TenantAsync();
        var member = Id(await tenant.CreateUserAsync(EntraUser()));
        var created = await tenant.CreateGroupAsync(EntraGroup("Staff"));
        var group = Id(created);
        var stale = Text(created["meta"]!["version"])!;
        (await tenant.Scim.PatchAsync($"Groups/{group}", Patch(MembersOp("Add", member)))).Expect(HttpStatusCode.NoContent);
        var current = (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK);

        // The precondition is the client's first question: a stale version answers 412 before any member is looked at,
        // whichever database checks the members first.
        var newcomer = Id(await tenant.CreateUserAsync(EntraUser()));
        (await tenant.Scim.SendAsync(HttpMethod.Patch, $"Groups/{group}", Patch(MembersOp("Add", newcomer, Guid.NewGuid().ToString())), stale))
            .ExpectScimError(HttpStatusCode.PreconditionFailed);

        var after = (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK);
        Assert.Equal([member], Members(after).Select(m => Text(m!["value"])));
        Assert.Equal(Text(current["meta"]!["version"]), Text(after["meta"]!["version"]));
    }

    [HostFact]
    public async Task QueryUsers_AadOptscim062020Parameter_Ignored()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        await tenant.CreateUserAsync(sent);

        var list = (await tenant.Scim.GetAsync($"Users?aadOptscim062020&{Filter($"userName eq \"{Text(sent["userName"])}\"")}")).Expect(HttpStatusCode.OK);

        Assert.Equal(1, Total(list));
    }

    [HostFact]
    public async Task QueryUsers_OtherFiltersAndPaging_RunInSql()
    {
        var tenant = await TenantAsync();
        var first = EntraUser();
        first["name"]!["familyName"] = "Jensen";
        first["displayName"] = "Babs Jensen";
        await tenant.CreateUserAsync(first);
        var second = Id(await tenant.CreateUserAsync(EntraUser()));
        (await tenant.Scim.PatchAsync($"Users/{second}", Patch(Op("Replace", "active", "False")))).Expect(HttpStatusCode.OK);

        first["displayName"] = "Babs Jensen";
        Assert.Equal(1, Total((await tenant.Scim.GetAsync($"Users?{Filter("name.familyName eq \"jensen\" and active eq true")}")).Expect(HttpStatusCode.OK)));
        Assert.Equal(0, Total((await tenant.Scim.GetAsync($"Users?{Filter("name.familyName eq \"jensen\" and active eq false")}")).Expect(HttpStatusCode.OK)));
        Assert.Equal(1, Total((await tenant.Scim.GetAsync($"Users?{Filter("displayName eq \"babs jensen\"")}")).Expect(HttpStatusCode.OK)));
        var inactive = (await tenant.Scim.GetAsync($"Users?{Filter("active eq false")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(second, Id(Assert.Single(inactive["Resources"]!.AsArray())!));
        var page = (await tenant.Scim.GetAsync("Users?startIndex=2&count=1")).Expect(HttpStatusCode.OK);
        Assert.Equal((2, 2, 1), (Total(page), page["startIndex"]!.GetValue<int>(), page["itemsPerPage"]!.GetValue<int>()));
        Assert.Equal(second, Id(page["Resources"]![0]!));
        (await tenant.Scim.GetAsync($"Users?{Filter("nickName eq \"Babs\"")}")).ExpectScimError(HttpStatusCode.BadRequest, "invalidFilter");
    }

    [HostFact]
    public async Task CreateUser_TakenUserNameAnyCaseOrExternalId_409Uniqueness()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        await tenant.CreateUserAsync(sent);

        var sameName = EntraUser(Text(sent["userName"])!.ToUpperInvariant());
        var sameExternalId = EntraUser(externalId: Text(sent["externalId"]));

        (await tenant.Scim.PostAsync("Users", sameName.ToJsonString())).ExpectScimError(HttpStatusCode.Conflict, "uniqueness");
        (await tenant.Scim.PostAsync("Users", sameExternalId.ToJsonString())).ExpectScimError(HttpStatusCode.Conflict, "uniqueness");
        Assert.Single(await Admin.TargetUsersAsync(tenant.CompanyId));
    }

    [HostFact]
    public async Task ChangeUser_ToTakenUserNameOrExternalId_409UniquenessAndNothingChanged()
    {
        var tenant = await TenantAsync();
        var taken = EntraUser();
        await tenant.CreateUserAsync(taken);
        var sent = EntraUser();
        var id = Id(await tenant.CreateUserAsync(sent));

        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", "userName", Text(taken["userName"])!.ToUpperInvariant()),
            Op("Replace", "emails[type eq \"work\"].value", "renamed@example.com")))).ExpectScimError(HttpStatusCode.Conflict, "uniqueness");
        var replacement = sent.DeepClone().AsObject();
        replacement["externalId"] = Text(taken["externalId"]);
        replacement["displayName"] = "Replaced";
        (await tenant.Scim.SendAsync(HttpMethod.Put, $"Users/{id}", replacement.ToJsonString())).ExpectScimError(HttpStatusCode.Conflict, "uniqueness");

        // The failed writes left the user, its e-mail and its version as they were.
        var user = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        AssertRoundTrips(sent, user);
        Assert.Equal("W/\"1\"", Text(user["meta"]!["version"]));
    }

    [HostFact]
    public async Task CreateUser_MalformedOrOversizedBody_ScimErrorAndNothingStored()
    {
        var tenant = await TenantAsync();
        var huge = EntraUser();
        huge["displayName"] = new string('x', 2 * 1024 * 1024);

        (await tenant.Scim.PostAsync("Users", "{\"userName\": ")).ExpectScimError(HttpStatusCode.BadRequest);
        (await tenant.Scim.PostAsync("Users", huge.ToJsonString())).ExpectScimError(HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await Admin.TargetUsersAsync(tenant.CompanyId));
    }

    [HostFact]
    public async Task PatchUser_ManagerAsPlainString_ReturnedAsReference()
    {
        var tenant = await TenantAsync();
        var manager = Id(await tenant.CreateUserAsync(EntraUser()));
        var id = Id(await tenant.CreateUserAsync(EntraUser()));

        var patched = (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Add", $"{EnterpriseUser}:manager", manager)))).Expect(HttpStatusCode.OK);

        Assert.Equal(manager, Text(patched[EnterpriseUser]!["manager"]!["value"]));
        var managed = (await tenant.Scim.GetAsync($"Users?{Filter($"{EnterpriseUser}:manager.value eq \"{manager}\"")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(id, Id(Assert.Single(managed["Resources"]!.AsArray())!));
    }

    [HostFact]
    public async Task PatchUser_EmailCaseOnly_200()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var id = Id(await tenant.CreateUserAsync(sent));
        var upper = Text(sent["userName"])!.ToUpperInvariant();

        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", "emails[type eq \"work\"].value", upper), Op("Replace", "userName", upper))))
            .Expect(HttpStatusCode.OK);

        Assert.Equal(upper, Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["email"]));
    }

    [HostFact]
    public async Task PatchUser_DefaultModeReplaceOps_UpdatesUserAndPlatform()
    {
        var tenant = await TenantAsync();
        var id = Id(await tenant.CreateUserAsync(EntraUser()));
        var externalId = Guid.NewGuid().ToString();

        // [K] without aadOptscim062020: one Replace per attribute, Add for a new single value.
        var patched = (await tenant.Scim.PatchAsync($"Users/{id}", Patch(
            Op("Replace", "emails[type eq \"work\"].value", "Barbara.Jensen@Contoso.com"),
            Op("Replace", "name.givenName", "Barbara"),
            Op("Replace", "name.familyName", "Jensen"),
            Op("Replace", "externalId", externalId),
            Op("Replace", $"{EnterpriseUser}:employeeNumber", "701984"),
            Op("Add", "nickName", "Babs")))).Expect(HttpStatusCode.OK);

        Assert.Equal("Barbara", Text(patched["name"]!["givenName"]));
        Assert.Equal("Babs", Text(patched["nickName"]));
        Assert.Equal("701984", Text(patched[EnterpriseUser]!["employeeNumber"]));
        var emails = patched["emails"]!.AsArray();
        Assert.Equal("Barbara.Jensen@Contoso.com", Text(Assert.Single(emails)!["value"]));
        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("Barbara.Jensen@Contoso.com", Text(user["email"]));
        Assert.Equal("Barbara", Text(user["firstName"]));
        Assert.Equal("Jensen", Text(user["lastName"]));
        Assert.Equal(externalId, Text(user["externalId"]));
        var byExternalId = (await tenant.Scim.GetAsync($"Users?{Filter($"externalId eq \"{externalId}\"")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(id, Id(byExternalId["Resources"]![0]!));
    }

    [HostFact]
    public async Task PatchUser_FlagModeNoPathDottedKeys_SetsNestedAttributes()
    {
        var tenant = await TenantAsync();
        var id = Id(await tenant.CreateUserAsync(EntraUser()));

        // [K] with aadOptscim062020: a path op, then one replace with no path whose keys are dotted paths.
        await tenant.Scim.PatchAsync($"Users/{id}?aadOptscim062020", Patch(
            Op("replace", "emails[type eq \"work\"].value", "babs@contoso.com"),
            Op("replace", null, new JsonObject
            {
                ["displayName"] = "Babs Jensen",
                ["name.givenName"] = "Babs",
                ["name.familyName"] = "Jensen",
                [$"{EnterpriseUser}:employeeNumber"] = "42",
            })));

        var got = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Babs", Text(got["name"]!["givenName"]));
        Assert.Equal("Jensen", Text(got["name"]!["familyName"]));
        Assert.Equal("42", Text(got[EnterpriseUser]!["employeeNumber"]));
        Assert.Null(got["name.givenName"]);
        Assert.Null(got[$"{EnterpriseUser}:employeeNumber"]);
        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("babs@contoso.com", Text(user["email"]));
        Assert.Equal("Babs", Text(user["firstName"]));
    }

    [HostFact]
    public async Task PatchUser_AddWorkAddressSubAttributes_BuildsOneWorkAddress()
    {
        var tenant = await TenantAsync();
        var id = Id(await tenant.CreateUserAsync(EntraUser()));

        var patched = (await tenant.Scim.PatchAsync($"Users/{id}", Patch(
            Op("Add", "addresses[type eq \"work\"].streetAddress", "1 Main St"),
            Op("Add", "addresses[type eq \"work\"].locality", "London"),
            Op("Add", "addresses[type eq \"work\"].country", "UK")))).Expect(HttpStatusCode.OK);

        var address = Assert.Single(patched["addresses"]!.AsArray())!;
        Assert.Equal("work", Text(address["type"]));
        Assert.Equal("1 Main St", Text(address["streetAddress"]));
        Assert.Equal("London", Text(address["locality"]));
        Assert.Equal("UK", Text(address["country"]));
    }

    [HostFact]
    public async Task PatchUser_DisableWithStringFalse_InactiveAndStillReturned()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var id = Id(await tenant.CreateUserAsync(sent));

        var patched = (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", "active", "False")))).Expect(HttpStatusCode.OK);

        Assert.False(patched["active"]!.GetValue<bool>());
        Assert.Equal("Inactive", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["status"]));
        Assert.False((await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK)["active"]!.GetValue<bool>());
        Assert.Equal(1, Total((await tenant.Scim.GetAsync($"Users?{Filter($"userName eq \"{Text(sent["userName"])}\"")}")).Expect(HttpStatusCode.OK)));

        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("replace", "active", true)))).Expect(HttpStatusCode.OK);
        Assert.Equal("Active", Text((await Admin.TargetUserAsync(tenant.CompanyId, id))["status"]));
    }

    [HostFact]
    public async Task Groups_EntraLifecycle_CreateQueryMembersRenameDelete()
    {
        var tenant = await TenantAsync();
        var alice = Id(await tenant.CreateUserAsync(EntraUser()));
        var bob = Id(await tenant.CreateUserAsync(EntraUser()));
        var carol = Id(await tenant.CreateUserAsync(EntraUser()));

        var created = await tenant.CreateGroupAsync(EntraGroup("Keepnet UK"));
        var id = Id(created);
        Assert.Empty(Members(created));

        await tenant.AddMembersAsync(id, alice, bob, carol);
        Assert.Equal(3, Members((await tenant.Scim.GetAsync($"Groups/{id}")).Expect(HttpStatusCode.OK)).Count);
        Assert.Null((await tenant.Scim.GetAsync($"Groups/{id}?excludedAttributes=members")).Expect(HttpStatusCode.OK)["members"]);
        var byName = (await tenant.Scim.GetAsync($"Groups?excludedAttributes=members&{Filter("displayName eq \"Keepnet UK\"")}")).Expect(HttpStatusCode.OK);
        Assert.Equal(1, Total(byName));
        Assert.Null(byName["Resources"]![0]!["members"]);

        // Both Entra shapes of a member removal: the default one with a value, and aadOptscim062020's filter path.
        (await tenant.Scim.PatchAsync($"Groups/{id}", Patch(MembersOp("Remove", alice))))
            .Expect(HttpStatusCode.NoContent);
        (await tenant.Scim.PatchAsync($"Groups/{id}", Patch(Op("remove", $"members[value eq \"{bob}\"]", null)))).Expect(HttpStatusCode.NoContent);
        var remaining = Members((await tenant.Scim.GetAsync($"Groups/{id}")).Expect(HttpStatusCode.OK));
        Assert.Equal(carol, Text(Assert.Single(remaining)!["value"]));

        (await tenant.Scim.PatchAsync($"Groups/{id}", Patch(Op("Replace", "displayName", "Keepnet United Kingdom")))).Expect(HttpStatusCode.NoContent);
        Assert.Equal("Keepnet United Kingdom", Text((await tenant.Scim.GetAsync($"Groups/{id}")).Expect(HttpStatusCode.OK)["displayName"]));
        Assert.Equal(1, Total((await tenant.Scim.GetAsync($"Groups?{Filter("displayName eq \"keepnet united kingdom\"")}")).Expect(HttpStatusCode.OK)));

        (await tenant.Scim.DeleteAsync($"Groups/{id}")).Expect(HttpStatusCode.NoContent);
        (await tenant.Scim.GetAsync($"Groups/{id}")).ExpectScimError(HttpStatusCode.NotFound);

        // Its member rows went with it (on PostgreSQL no foreign key cascades them); the users stay.
        await using (var scope = Host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KeepnetDbContext>();
            Assert.Equal(0, await db.GroupMembers.CountAsync(m => m.GroupId == id));
            Assert.Equal(3, await db.Users.CountAsync(u => u.Id == alice || u.Id == bob || u.Id == carol));
        }
    }

    [HostFact]
    public async Task DeleteUser_InGroup_GoneFromScimDeletedOnPlatformMembershipsEnd()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", groupName = "Everyone", syncPlatformGroup = true });
        var sent = EntraUser();
        var id = Id(await tenant.CreateUserAsync(sent));
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Staff")));
        await tenant.AddMembersAsync(group, id);

        (await tenant.Scim.DeleteAsync($"Users/{id}")).Expect(HttpStatusCode.NoContent);

        (await tenant.Scim.GetAsync($"Users/{id}")).ExpectScimError(HttpStatusCode.NotFound);
        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(Op("Replace", "active", "True")))).ExpectScimError(HttpStatusCode.NotFound);
        (await tenant.Scim.DeleteAsync($"Users/{id}")).ExpectScimError(HttpStatusCode.NotFound);
        Assert.Equal(0, Total((await tenant.Scim.GetAsync($"Users?{Filter($"userName eq \"{Text(sent["userName"])}\"")}")).Expect(HttpStatusCode.OK)));
        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);
        Assert.Equal("Deleted", Text(user["status"]));
        Assert.Empty(user["groups"]!.AsArray());
        Assert.Empty(Members((await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK)));
        Assert.All(await Admin.GroupsAsync(tenant.CompanyId), g => Assert.Equal(0, g!["memberCount"]!.GetValue<int>()));
    }

    [HostFact]
    public async Task DeleteUser_ThenSameUserNameAgain_NewUserCreated()
    {
        var tenant = await TenantAsync();
        var sent = EntraUser();
        var id = Id(await tenant.CreateUserAsync(sent));
        (await tenant.Scim.DeleteAsync($"Users/{id}")).Expect(HttpStatusCode.NoContent);

        var again = Id(await tenant.CreateUserAsync(sent));

        Assert.NotEqual(id, again);
        Assert.Equal(new[] { "Deleted", "Active" }, (await Admin.TargetUsersAsync(tenant.CompanyId)).Select(u => Text(u!["status"])));
    }

    [HostFact]
    public async Task CreateGroup_TakenDisplayName_409Uniqueness()
    {
        var tenant = await TenantAsync();
        await tenant.CreateGroupAsync(EntraGroup("Staff"));

        (await tenant.Scim.PostAsync("Groups", EntraGroup("STAFF").ToJsonString())).ExpectScimError(HttpStatusCode.Conflict, "uniqueness");
    }

    [HostFact]
    public async Task SecondCycle_SameDataAgain_ChangesNothing()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", groupName = "Everyone", syncPlatformGroup = true });
        var sent = EntraUser();
        sent["timezone"] = "GB";
        sent["addresses"] = new JsonArray(new JsonObject { ["type"] = "work", ["country"] = "UK", ["primary"] = true });
        sent[EnterpriseUser] = new JsonObject { ["department"] = "Sales", ["employeeNumber"] = "701984" };
        var id = Id(await tenant.CreateUserAsync(sent));
        var group = Id(await tenant.CreateGroupAsync(EntraGroup("Staff")));
        var addMember = Patch(MembersOp("Add", id));
        (await tenant.Scim.PatchAsync($"Groups/{group}", addMember)).Expect(HttpStatusCode.NoContent);
        var user = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        var groupBefore = (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK);
        var platformBefore = (await Admin.TargetUsersAsync(tenant.CompanyId)).ToJsonString();
        AssertRoundTrips(sent, user);

        // The second cycle: Entra matches by userName, finds the same values, and at most re-sends them.
        var match = (await tenant.Scim.GetAsync($"Users?{Filter($"userName eq \"{Text(sent["userName"])}\"")}")).Expect(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(user, match["Resources"]![0]), match.ToJsonString());
        (await tenant.Scim.PatchAsync($"Users/{id}", Patch(
            Op("Replace", "emails[type eq \"work\"].value", sent["emails"]![0]!["value"]!.DeepClone()),
            Op("Replace", "name.givenName", "givenName"),
            Op("Replace", "timezone", "GB"),
            Op("Replace", "active", "True")))).Expect(HttpStatusCode.OK);
        (await tenant.Scim.PatchAsync($"Groups/{group}", addMember)).Expect(HttpStatusCode.NoContent);

        var userAfter = (await tenant.Scim.GetAsync($"Users/{id}")).Expect(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(user, userAfter), userAfter.ToJsonString());
        Assert.True(JsonNode.DeepEquals(groupBefore, (await tenant.Scim.GetAsync($"Groups/{group}")).Expect(HttpStatusCode.OK)));
        Assert.Equal(platformBefore, (await Admin.TargetUsersAsync(tenant.CompanyId)).ToJsonString());
    }
}

public sealed class EntraCycleTestsOnSqlite(KeepnetHostFixture host) : EntraCycleTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class EntraCycleTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : EntraCycleTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
