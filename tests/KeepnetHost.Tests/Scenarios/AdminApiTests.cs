using System.Net;
using System.Text.Json.Nodes;
using KeepnetHost.Tests.Hosting;
using KeepnetHost.Tests.Infrastructure;

namespace KeepnetHost.Tests.Scenarios;

/// <summary>The admin API's shapes (kept for the acceptance tests) and its clear errors for bad input.</summary>
public abstract class AdminApiTests(KeepnetHostFixture host) : HostScenarios(host)
{
    [HostFact]
    public async Task WrongOrMissingKey_401()
    {
        var companyId = await Admin.CreateCompanyAsync();
        var http = Host.Factory.CreateClient();

        using var missing = await http.GetAsync($"/api/companies/{companyId}/target-users");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/companies/{companyId}/target-users") { Headers = { { "X-Api-Key", "wrong" } } };
        using var wrong = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [HostFact]
    public async Task UnknownCompany_404()
    {
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Get, "/api/companies/nosuchcompny", null),
            (HttpMethod.Post, "/api/companies/nosuchcompny/custom-fields", new { name = "Country / Region" }),
            (HttpMethod.Post, "/api/companies/nosuchcompny/scim-settings", new { name = "Entra ID" }),
            (HttpMethod.Get, "/api/companies/nosuchcompny/scim-settings", null),
            (HttpMethod.Get, "/api/companies/nosuchcompny/target-users", null),
            (HttpMethod.Get, "/api/companies/nosuchcompny/groups", null),
        })
        {
            Assert.True((await Admin.SendAsync(method, path, body)).Status == HttpStatusCode.NotFound, $"{method} {path}");
        }
    }

    [HostFact]
    public async Task Setting_Shapes_CreateGetRenameRevokeDelete()
    {
        var companyId = await Admin.CreateCompanyAsync();
        var field = (await Admin.SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/custom-fields", new { name = "Country / Region" })).Expect(HttpStatusCode.Created);
        Assert.Equal("Country / Region", Text(field["name"]));
        Assert.False(string.IsNullOrEmpty(Text(field["id"])));

        var created = (await Admin.SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/scim-settings", new
        {
            name = "Entra ID",
            fieldMappings = new[] { new { scimPath = "addresses[type eq \"work\"].country", customField = "Country / Region" } },
            groupName = (string?)null,
            groupBy = "Country / Region",
            syncPlatformGroup = false,
        })).Expect(HttpStatusCode.Created);
        var id = Text(created["id"])!;
        Assert.True(Text(created["token"])!.Length >= 43, "a token of at least 256 random bits");

        var got = (await Admin.SendAsync(HttpMethod.Get, $"/api/companies/{companyId}/scim-settings/{id}")).Expect(HttpStatusCode.OK);
        Assert.Null(got["token"]);
        Assert.Equal("addresses[type eq \"work\"].country", Text(got["fieldMappings"]![0]!["scimPath"]));
        Assert.Equal("Country / Region", Text(got["fieldMappings"]![0]!["customField"]));
        Assert.Equal("Country / Region", Text(got["groupBy"]));

        var renamed = (await Admin.SendAsync(HttpMethod.Put, $"/api/companies/{companyId}/scim-settings/{id}", new { name = "Entra ID (prod)", groupBy = "Department" }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Entra ID (prod)", Text(renamed["name"]));
        Assert.Equal("Country / Region", Text(renamed["groupBy"]));
        Assert.Single((await Admin.SendAsync(HttpMethod.Get, $"/api/companies/{companyId}/scim-settings")).Expect(HttpStatusCode.OK).AsArray());

        (await Admin.SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/scim-settings/nosuchsettng/revoke")).Expect(HttpStatusCode.NotFound);
        (await Admin.SendAsync(HttpMethod.Delete, $"/api/companies/{companyId}/scim-settings/{id}")).Expect(HttpStatusCode.NoContent);
        (await Admin.SendAsync(HttpMethod.Get, $"/api/companies/{companyId}/scim-settings/{id}")).Expect(HttpStatusCode.NotFound);
    }

    [HostFact]
    public async Task CreateSetting_BadInput_ClearErrorsAndNothingStored()
    {
        var companyId = await Admin.CreateCompanyAsync();
        await Admin.CreateCustomFieldAsync(companyId, "Country / Region");
        await Admin.CreateSettingAsync(companyId, new { name = "Entra ID" });

        var tooLong = await CreateSettingAsync(companyId, new { name = new string('x', 31) });
        var empty = await CreateSettingAsync(companyId, new { name = "" });
        var duplicate = await CreateSettingAsync(companyId, new { name = "entra id" });
        var badPath = await CreateSettingAsync(companyId, new
        {
            name = "Bad path",
            fieldMappings = new[] { new { scimPath = "addresses[type eq \"work\".country", customField = "Country / Region" } },
        });
        var unknownField = await CreateSettingAsync(companyId, new
        {
            name = "Unknown field",
            fieldMappings = new[] { new { scimPath = "title", customField = "Cost centre" } },
        });
        var notMapped = await CreateSettingAsync(companyId, new { name = "Not mapped", groupBy = "Country / Region" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badPath.Status);
        Assert.Contains("fieldMappings[0].scimPath", Text(badPath.Body!["detail"]), StringComparison.Ordinal);
        Assert.Contains("position", Text(badPath.Body!["detail"]), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.Status);
        Assert.Equal(HttpStatusCode.BadRequest, notMapped.Status);
        Assert.Contains("groupBy", Text(notMapped.Body!["detail"]), StringComparison.Ordinal);
        Assert.Single((await Admin.SendAsync(HttpMethod.Get, $"/api/companies/{companyId}/scim-settings")).Expect(HttpStatusCode.OK).AsArray());
    }

    [HostFact]
    public async Task RenameSetting_TakenOrTooLong_409Or400()
    {
        var companyId = await Admin.CreateCompanyAsync();
        await Admin.CreateSettingAsync(companyId, new { name = "Entra ID" });
        var (id, _) = await Admin.CreateSettingAsync(companyId, new { name = "Okta" });

        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Put, $"/api/companies/{companyId}/scim-settings/{id}", new { name = "Entra ID" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Put, $"/api/companies/{companyId}/scim-settings/{id}", new { name = new string('x', 31) })).Status);
    }

    [HostFact]
    public async Task CreateCompany_Shape_201WithIdAndLicence()
    {
        var company = (await Admin.SendAsync(HttpMethod.Post, "/api/companies", new { name = "Acme", licenseCount = 50 })).Expect(HttpStatusCode.Created);

        Assert.Equal(12, Text(company["id"])!.Length);
        Assert.Equal(("Acme", 50, "warn", 0), (Text(company["name"]), company["licenseCount"]!.GetValue<int>(), Text(company["licensePolicy"]), company["activeUsers"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Post, "/api/companies", new { name = "", licenseCount = 5 })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Post, "/api/companies", new { name = "Acme", licenseCount = -1 })).Status);
    }

    [HostFact]
    public async Task TargetUsers_Shape_EveryDocumentedField()
    {
        var tenant = await TenantAsync(new { name = "Entra ID", groupName = "Everyone" });
        var sent = EntraUser();
        sent["timezone"] = "GB";
        sent[EnterpriseUser] = new JsonObject { ["department"] = "Sales" };
        sent["phoneNumbers"] = new JsonArray(new JsonObject { ["type"] = "mobile", ["value"] = "+44 7700 900001" }, new JsonObject { ["type"] = "work", ["value"] = "+44 20 7946 0000" });
        sent["preferredLanguage"] = "en-GB";
        var id = Id(await tenant.CreateUserAsync(sent));

        var user = await Admin.TargetUserAsync(tenant.CompanyId, id);

        foreach (var field in new[] { "id", "externalId", "email", "firstName", "lastName", "department", "timezone", "status", "customFields", "groups" })
        {
            Assert.True(user.ContainsKey(field), field);
        }

        Assert.Equal(("Sales", "Europe/London"), (Text(user["department"]), Text(user["timezone"])));
        Assert.Equal(("+44 20 7946 0000", "en-GB"), (Text(user["phone"]), Text(user["preferredLanguage"])));
        Assert.Equal(new[] { "Everyone" }, user["groups"]!.AsArray().Select(Text));
    }

    [HostFact]
    public async Task CustomField_TooLongOrTaken_400Or409()
    {
        var companyId = await Admin.CreateCompanyAsync();
        await Admin.CreateCustomFieldAsync(companyId, "Country / Region");

        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/custom-fields", new { name = new string('x', 65) })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/custom-fields", new { name = "country / region" })).Status);
        Assert.Single((await Admin.SendAsync(HttpMethod.Get, $"/api/companies/{companyId}/custom-fields")).Expect(HttpStatusCode.OK).AsArray());
    }

    [HostFact]
    public async Task MalformedJson_400ProblemSayingWhy()
    {
        var companyId = await Admin.CreateCompanyAsync();

        foreach (var path in new[] { "/api/companies", $"/api/companies/{companyId}/custom-fields", $"/api/companies/{companyId}/scim-settings" })
        {
            using var content = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json");
            var reply = await Reply.ReadAsync(await Admin.Http.PostAsync(path, content));

            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal("application/problem+json", reply.ContentType);
            Assert.Contains("Position", Text(reply.Body?["detail"]) ?? string.Empty, StringComparison.Ordinal);
        }
    }

    private Task<Reply> CreateSettingAsync(string companyId, object setting) =>
        Admin.SendAsync(HttpMethod.Post, $"/api/companies/{companyId}/scim-settings", setting);
}

public sealed class AdminApiTestsOnSqlite(KeepnetHostFixture host) : AdminApiTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.SqliteAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class AdminApiTestsOnPostgres(KeepnetHostFixture host, PostgresFixture postgres) : AdminApiTests(host), IClassFixture<KeepnetHostFixture>
{
    protected override Task<HostDatabase> CreateDatabaseAsync() => HostDatabase.PostgresAsync(postgres);
}
